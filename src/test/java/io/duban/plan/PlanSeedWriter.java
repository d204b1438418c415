package io.duban.plan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates a reviewed seed from a plan document: {@code PlanSeedWriter DOCUMENT OUT.yaml}. The
 * output is meant to be read and corrected by a person before it is committed; {@code PlanSeedTest}
 * keeps the committed seed and the document in step.
 */
public final class PlanSeedWriter {

  private PlanSeedWriter() {}

  public static void main(String[] args) throws Exception {
    Path document = Path.of(args[0]);
    ParsedPlan plan =
        new PlanDocumentParser()
            .parse(
                Files.readString(document, StandardCharsets.UTF_8),
                null,
                document.getFileName().toString());
    String yaml =
        "# Reviewed import of "
            + document.getFileName()
            + " (part 二). Regenerate with PlanSeedWriter; PlanSeedTest checks it.\n"
            + PlanSeedLoader.YAML.writeValueAsString(PlanSeed.of(plan));
    Files.writeString(Path.of(args[1]), yaml, StandardCharsets.UTF_8);
  }
}
