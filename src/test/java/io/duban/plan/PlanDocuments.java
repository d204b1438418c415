package io.duban.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of a test plan document under {@code src/test/resources/plans/}, read through the real
 * importer ({@link PlanDocumentParser}) as an admin's upload would be, for other modules' tests.
 */
public final class PlanDocuments {

  /** Where the test plan documents are. */
  public static final Path DIR = PlanCorpusTest.DIR;

  private PlanDocuments() {}

  /** The plan items of {@code description}, as the import would store them. */
  public static List<PlanItem> items(Path description) {
    try {
      byte[] document = PlanDocumentWriter.document(description);
      ParsedPlan plan =
          new PlanDocumentParser()
              .read(DocumentText.of(document), null, description.getFileName().toString())
              .plan();
      List<PlanItem> items = new ArrayList<>();
      int position = 0;
      for (ParsedPlan.Item item : plan.items()) {
        items.add(
            new PlanItem(
                position + 1L,
                plan.year(),
                item.code(),
                item.parentCode(),
                item.title(),
                item.body(),
                plan.isLeaf(item.code()),
                position++));
      }
      return items;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every plan document description (the {@code .txt} files) that imports as a plan. */
  public static List<Path> descriptions() {
    try {
      return PlanCorpusTest.documents().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
