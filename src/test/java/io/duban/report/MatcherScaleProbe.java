package io.duban.report;

import io.duban.plan.PlanDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Plans of province scale for the matcher's benchmark in {@code bench}: the pages benchmark's
 * 10,000 look-alike items ({@code bench/pages/seed.sql}: every title 推进第S部分第L项工作任务落实), and the test
 * plan documents' leaves repeated under numbered sections until there are as many.
 */
public final class MatcherScaleProbe {

  private final ReportParser parser;
  private final String name;

  private MatcherScaleProbe(String name, List<CatalogueItem> items) {
    this.name = name;
    this.parser = new ReportParser(items, MatcherSettings.DEFAULTS);
  }

  /** Builds the parser over the look-alike plan of {@code sections} × 99 leaves. */
  public static MatcherScaleProbe lookAlike(int sections) {
    List<CatalogueItem> items = new ArrayList<>();
    for (int s = 1; s <= sections; s++) {
      items.add(new CatalogueItem(String.valueOf(s), null, "第" + s + "部分 重点任务", "", false));
      for (int l = 1; l <= 99; l++) {
        items.add(
            new CatalogueItem(
                s + "." + l, String.valueOf(s), "推进第" + s + "部分第" + l + "项工作任务落实", "", true));
      }
    }
    return new MatcherScaleProbe("look-alike " + sections * 99 + " leaves", items);
  }

  /** Builds the parser over the test plan documents' leaves, repeated up to {@code leaves}. */
  public static MatcherScaleProbe realPlans(int leaves) {
    List<CatalogueItem> source = new ArrayList<>();
    try (Stream<Path> files = Files.list(PlanDocuments.DIR)) {
      for (Path plan : files.sorted().toList()) {
        try {
          PlanDocuments.items(plan).stream()
              .map(ItemUnderstanding::catalogueItem)
              .filter(CatalogueItem::leaf)
              .forEach(source::add);
        } catch (RuntimeException notAPlan) {
          // documents the importer refuses are part of the corpus too
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<CatalogueItem> items = new ArrayList<>();
    int section = 0;
    while (items.size() < leaves + section && !source.isEmpty()) {
      section++;
      items.add(new CatalogueItem("S" + section, null, "第" + section + "部分", "", false));
      for (CatalogueItem leaf : source) {
        if (items.size() - section >= leaves) {
          break;
        }
        items.add(
            new CatalogueItem(
                "S" + section + "-" + leaf.code(),
                "S" + section,
                leaf.title(),
                leaf.body(),
                true,
                leaf.aliases()));
      }
    }
    return new MatcherScaleProbe(
        "test plans repeated, " + (items.size() - section) + " leaves", items);
  }

  public String name() {
    return name;
  }

  public String calibration() {
    return parser.matcher().calibration().toString();
  }

  /** Understands one message as an unknown sender's. */
  public Object understand(String text) {
    return parser.parse(text, Set.of());
  }
}
