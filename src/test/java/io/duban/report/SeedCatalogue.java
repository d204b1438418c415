package io.duban.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The 2024 plan items of the seed document, from {@code report/catalogue.tsv}. */
final class SeedCatalogue {

  private SeedCatalogue() {}

  static List<CatalogueItem> items() {
    List<CatalogueItem> items = new ArrayList<>();
    for (String line : lines("/report/catalogue.tsv")) {
      String[] f = line.split("\t", -1);
      boolean section = f[0].indexOf('.') < 0 && f[3].isEmpty();
      items.add(new CatalogueItem(f[0], f[1].isEmpty() ? null : f[1], f[2], f[3], !section));
    }
    return items;
  }

  static ReportParser parser() {
    return new ReportParser(items(), MatcherSettings.DEFAULTS);
  }

  static List<String> lines(String resource) {
    try (InputStream in = SeedCatalogue.class.getResourceAsStream(resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
