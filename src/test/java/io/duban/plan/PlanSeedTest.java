package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlanSeedTest {

  @Test
  void reviewedSeedMatchesTheSeedDocument() throws Exception {
    PlanSeed reviewed =
        PlanSeedLoader.YAML.readValue(
            Files.readString(Path.of("seeds/plan-2024.yaml")), PlanSeed.class);
    ParsedPlan parsed =
        new PlanDocumentParser()
            .parse(PlanDocumentParserTest.seed(), null, "zhongshan-kjj-2023-summary-2024-plan.txt");

    assertThat(reviewed.toPlan()).isEqualTo(parsed);
  }
}
