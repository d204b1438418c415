package io.duban.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the progress percent of a message: {@code 60%}, {@code 45 %}, {@code 约65%}, {@code 完成率90%},
 * {@code 百分之五十}, {@code 七成}, {@code 过半} and {@code 完成了一半} (50). In {@code 由40%提高到55%} the value
 * reached counts; rates of growth, comparisons and shares ({@code 同比增长20%}, {@code 比全省高3%}, {@code
 * 签约率85%}, {@code 覆盖率91%}: any rate but a 完成率) are not progress.
 */
final class PercentReader {

  private record Found(int value, int start, int end) {}

  private static final Pattern ARABIC = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s*%");
  private static final Pattern SPELLED =
      Pattern.compile("百分之\\s*([" + ChineseNumber.NUMERALS + "]{1,4}|\\d{1,3})");
  private static final Pattern TENTHS = Pattern.compile("([一二两三四五六七八九]|\\d)成(半)?");
  private static final Pattern HALF = Pattern.compile("过半|(?:完成|进度|进展)[了已约达到为:]{0,2}一半");
  private static final Pattern STATISTIC =
      Pattern.compile(
          "(?:增长|增幅|增速|同比|环比|下降|降低|占比|占|比重|比例|提高|提升|增加|(?<!完成)率"
              + "|比[^，,。;；]{0,6}(?:高|低|多|少|快|慢))"
              + "(?:了|约|达|达到|为|是|已|已经|超过|近|达成)*\\s*$");
  private static final Pattern REACHED = Pattern.compile("(?:到|至|为|达到|达)\\s*(?:约)?\\s*$");
  private static final Pattern PROGRESS_LABEL =
      Pattern.compile("(?:进度|进展|完成率|完成度|完成|已完成|整体|总体)\\s*(?:[:为约达]|达到)?\\s*$");

  private PercentReader() {}

  /** The progress percent, or null when the message states none. */
  static Integer read(String text) {
    List<Found> found = new ArrayList<>();
    collect(ARABIC, text, found, m -> (int) Math.round(Double.parseDouble(m.group(1))));
    collect(SPELLED, text, found, m -> ChineseNumber.parse(m.group(1)));
    collect(
        TENTHS,
        text,
        found,
        m -> ChineseNumber.parse(m.group(1)) * 10 + (m.group(2) == null ? 0 : 5));
    collect(HALF, text, found, m -> 50);
    found.sort(java.util.Comparator.comparingInt(Found::start));
    Found reached = null;
    Found labelled = null;
    Found last = null;
    for (Found f : found) {
      String before = text.substring(Math.max(0, f.start() - 6), f.start());
      if (REACHED.matcher(before).find()) {
        reached = f;
      } else if (STATISTIC.matcher(before).find()) {
        continue;
      } else if (PROGRESS_LABEL.matcher(before).find()) {
        labelled = f;
      }
      if (last == null || f.start() > last.start()) {
        last = f;
      }
    }
    Found chosen = reached != null ? reached : labelled != null ? labelled : last;
    return chosen == null ? null : chosen.value();
  }

  private static void collect(
      Pattern pattern,
      String text,
      List<Found> found,
      java.util.function.ToIntFunction<Matcher> value) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      int v = value.applyAsInt(m);
      if (v >= 0 && v <= 100) {
        found.add(new Found(v, m.start(), m.end()));
      }
    }
  }
}
