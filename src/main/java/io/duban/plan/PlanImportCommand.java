package io.duban.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar duban.jar import-plan FILE [YEAR]}: imports a plan document (.txt, .docx, .xlsx
 * or .pdf) into the configured database and exits; for a year already stored it revises that plan
 * (see {@link PlanService#importDocument(byte[], Integer, String, String)}). Responsibilities are
 * not applied here: that needs the unit feature, through the API or the dashboard. The main class
 * switches the web server off in this mode.
 */
@Component
@ConditionalOnProperty(name = "duban.command", havingValue = "import-plan")
class PlanImportCommand implements ApplicationRunner {

  private final PlanService plans;

  PlanImportCommand(PlanService plans) {
    this.plans = plans;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    var words = args.getNonOptionArgs();
    if (words.size() < 2) {
      throw new IllegalArgumentException("usage: import-plan FILE [YEAR]");
    }
    Path file = Path.of(words.get(1));
    Integer year = words.size() > 2 ? Integer.valueOf(words.get(2)) : null;
    byte[] document = Files.readAllBytes(file);
    var result =
        plans
            .importDocument(document, year, file.getFileName().toString())
            .block(Duration.ofMinutes(2));
    System.out.println(
        "Imported plan "
            + result.year()
            + " ("
            + result.title()
            + "): "
            + result.items()
            + " items, leaves "
            + String.join(" ", result.leaves()));
    if (result.revision() != null) {
      System.out.println("Revised the stored plan: " + result.revision().summary());
    }
    result.warnings().forEach(warning -> System.out.println("Warning: " + warning));
  }
}
