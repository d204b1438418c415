package io.duban.digest;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds a font that can draw Chinese, preferring Noto CJK (Debian fonts-noto-cjk). */
final class ChartFonts {

  private static final Logger log = LoggerFactory.getLogger(ChartFonts.class);
  private static final String PROBE = "督办进展完成率正常关注预警已办结";
  private static final List<String> PREFERRED =
      List.of(
          "Noto Sans CJK SC",
          "Noto Sans SC",
          "Noto Serif CJK SC",
          "Source Han Sans SC",
          "WenQuanYi Zen Hei",
          "WenQuanYi Micro Hei",
          "Droid Sans Fallback",
          "Microsoft YaHei",
          "PingFang SC",
          "SimHei");

  private static volatile String family;

  private ChartFonts() {}

  /** A font of the given style and size that can draw Chinese if any installed font can. */
  static Font font(int style, int size) {
    return new Font(family(), style, size);
  }

  /** True when a font that draws Chinese was found (otherwise charts show boxes). */
  static boolean canDrawChinese() {
    return new Font(family(), Font.PLAIN, 12).canDisplayUpTo(PROBE) == -1;
  }

  private static String family() {
    String found = family;
    if (found == null) {
      found = find();
      family = found;
    }
    return found;
  }

  private static String find() {
    List<String> installed =
        Arrays.asList(
            GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
    for (String name : PREFERRED) {
      if (installed.contains(name) && draws(name)) {
        return name;
      }
    }
    for (String name : installed) {
      if (draws(name)) {
        return name;
      }
    }
    log.warn(
        "No installed font can draw Chinese; chart labels will show as boxes."
            + " Install one, e.g. Debian: apt-get install fonts-noto-cjk");
    return Font.SANS_SERIF;
  }

  private static boolean draws(String name) {
    return new Font(name, Font.PLAIN, 12).canDisplayUpTo(PROBE) == -1;
  }
}
