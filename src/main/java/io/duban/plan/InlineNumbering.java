package io.duban.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the 一是…二是… and ①…②… lists written inside a line (a heading followed by its points, or a
 * paragraph listing them) so that each point becomes an item of its own. A 是 list is only taken
 * where its numbers follow one another and each starts a sentence or clause, so that 统一是 or 之一是 in
 * running text stay text.
 */
final class InlineNumbering {

  private static final Pattern SHI =
      Pattern.compile("(?<=^|[。；;！!？?：:，,\\s])([一二三四五六七八九十]{1,3})是[，,：:]?");
  private static final Pattern CIRCLED = Pattern.compile("[①-⑳]");

  private InlineNumbering() {}

  /** A line cut at its inline list: the text before it and the points in order. */
  record Split(String head, List<Numbering> points) {}

  /**
   * Splits {@code text}; {@code after} is the marker the line itself starts with (so a 一是 line may
   * hold its 二是 sibling), or null.
   */
  static Split of(String text, Numbering after) {
    Split shi = split(text, shiPoints(text, after), Numbering.Style.CN_SHI);
    if (!shi.points().isEmpty()) {
      return shi;
    }
    return split(text, circledPoints(text, after), Numbering.Style.CIRCLED);
  }

  private static List<int[]> shiPoints(String text, Numbering after) {
    int expected =
        after != null && after.style() == Numbering.Style.CN_SHI ? after.number() + 1 : 1;
    List<int[]> points = new ArrayList<>();
    Matcher m = SHI.matcher(text);
    while (m.find()) {
      int n = ChineseNumerals.parse(m.group(1));
      if (n != expected) {
        continue;
      }
      boolean sentence = m.start() == 0 || "。；;！!？?：:".indexOf(text.charAt(m.start() - 1)) >= 0;
      if (n == 1 && !sentence && !text.substring(m.end()).matches("(?s).*[，,；;。\\s]二是.*")) {
        continue;
      }
      points.add(new int[] {m.start(), m.end(), n});
      expected++;
    }
    return points;
  }

  private static List<int[]> circledPoints(String text, Numbering after) {
    int expected =
        after != null && after.style() == Numbering.Style.CIRCLED ? after.number() + 1 : 1;
    List<int[]> points = new ArrayList<>();
    Matcher m = CIRCLED.matcher(text);
    while (m.find()) {
      int n = text.charAt(m.start()) - '①' + 1;
      if (n == expected) {
        points.add(new int[] {m.start(), m.end(), n});
        expected++;
      }
    }
    return points;
  }

  private static Split split(String text, List<int[]> points, Numbering.Style style) {
    if (points.isEmpty()) {
      return new Split(text, List.of());
    }
    List<Numbering> out = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      int end = i + 1 < points.size() ? points.get(i + 1)[0] : text.length();
      String point = text.substring(points.get(i)[1], end).strip();
      if (point.isEmpty()) {
        return new Split(text, List.of());
      }
      out.add(new Numbering(style, points.get(i)[2], point));
    }
    return new Split(text.substring(0, points.get(0)[0]).strip(), out);
  }
}
