package io.duban;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the Duban service. {@code import-plan FILE [YEAR]} as the first argument imports a
 * plan document instead of serving.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DubanApplication {

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(DubanApplication.class);
    if (args.length > 0 && "import-plan".equals(args[0])) {
      app.setWebApplicationType(WebApplicationType.NONE);
      app.setDefaultProperties(
          java.util.Map.of(
              "duban.command", "import-plan",
              "duban.seed.enabled", "false",
              "spring.quartz.auto-startup", "false",
              "spring.main.banner-mode", "off"));
      int code = SpringApplication.exit(app.run(args));
      System.exit(code);
    }
    app.run(args);
  }
}
