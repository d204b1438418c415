package io.duban.digest;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts of the digest chart, each measured and placed before it is drawn, so a test can see
 * every label whole and inside the image: a section name is wrapped into legend lines, never cut.
 */
final class ChartText {

  private static final Color INK = new Color(0x33, 0x33, 0x33);

  private ChartText() {}

  /**
   * One text where it is drawn.
   *
   * @param bounds its box: left, top, width, height (ascent plus descent)
   */
  record Placed(String text, Font font, Color color, Rectangle2D bounds, int ascent) {

    void draw(Graphics2D g) {
      g.setFont(font);
      g.setColor(color);
      g.drawString(text, (float) bounds.getX(), (float) (bounds.getY() + ascent));
    }
  }

  /**
   * One line of the legend.
   *
   * @param code the section's code, on every line of its entry
   * @param indent where the line starts after the legend's left edge (continuations line up after
   *     the code)
   */
  record Line(String code, String text, int indent) {}

  /** A bar's code: its label up to the first space ({@code 1} of {@code 1 实施…}). */
  static String code(ChartData.Bar bar) {
    String label = bar.label().strip();
    int space = label.indexOf(' ');
    return space < 0 ? label : label.substring(0, space);
  }

  /** The legend: each section's whole label, wrapped to {@code width} pixels. */
  static List<Line> legend(List<ChartData.Bar> bars, FontMetrics metrics, int width) {
    List<Line> lines = new ArrayList<>();
    for (ChartData.Bar bar : bars) {
      String code = code(bar);
      String label = bar.label().strip();
      String rest = label.substring(code.length()).strip();
      int indent = metrics.stringWidth(code + " ");
      List<String> wrapped =
          wrap(rest, metrics, Math.max(metrics.charWidth('中') * 4, width - indent));
      for (int i = 0; i < wrapped.size(); i++) {
        lines.add(
            new Line(
                code, i == 0 ? code + " " + wrapped.get(0) : wrapped.get(i), i == 0 ? 0 : indent));
      }
      if (wrapped.isEmpty()) {
        lines.add(new Line(code, code, 0));
      }
    }
    return lines;
  }

  /** {@code text} in lines no wider than {@code width}, broken between characters. */
  static List<String> wrap(String text, FontMetrics metrics, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    text.codePoints()
        .forEach(
            cp -> {
              String next = line + new String(Character.toChars(cp));
              if (line.length() > 0 && metrics.stringWidth(next) > width) {
                lines.add(line.toString());
                line.setLength(0);
              }
              line.appendCodePoint(cp);
            });
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  static Placed at(String text, Font font, Graphics2D g, double left, double top) {
    FontMetrics m = g.getFontMetrics(font);
    return new Placed(
        text,
        font,
        INK,
        new Rectangle2D.Double(left, top, m.stringWidth(text), m.getAscent() + m.getDescent()),
        m.getAscent());
  }

  /** Centred on {@code centre}, its top at {@code top}. */
  static Placed centred(String text, Font font, Graphics2D g, double centre, double top) {
    FontMetrics m = g.getFontMetrics(font);
    return at(text, font, g, centre - m.stringWidth(text) / 2.0, top);
  }

  /** Ending at {@code right}, centred on the line {@code middle}. */
  static Placed rightAligned(String text, Font font, Graphics2D g, double right, double middle) {
    FontMetrics m = g.getFontMetrics(font);
    return at(
        text,
        font,
        g,
        right - m.stringWidth(text),
        middle - (m.getAscent() + m.getDescent()) / 2.0);
  }

  /**
   * A horizontal bar's value, starting at {@code left} (just past the bar's end), moved inside
   * {@code area} (in white, on the bar) when it would leave it.
   */
  static Placed beside(
      String text, Font font, Graphics2D g, double left, double middle, Rectangle2D area) {
    FontMetrics m = g.getFontMetrics(font);
    int w = m.stringWidth(text);
    double x = Math.max(area.getMinX() + 2, left);
    Color color = INK;
    if (x + w > area.getMaxX() - 2) {
      x = area.getMaxX() - 2 - w;
      color = Color.WHITE;
    }
    double h = m.getAscent() + m.getDescent();
    return new Placed(
        text, font, color, new Rectangle2D.Double(x, middle - h / 2, w, h), m.getAscent());
  }

  /** A vertical bar's value, its bottom at {@code bottom}, moved down inside {@code area}. */
  static Placed above(
      String text, Font font, Graphics2D g, double centre, double bottom, Rectangle2D area) {
    FontMetrics m = g.getFontMetrics(font);
    int w = m.stringWidth(text);
    double h = m.getAscent() + m.getDescent();
    double top = Math.max(area.getMinY() + 2, bottom - h);
    return new Placed(
        text, font, INK, new Rectangle2D.Double(centre - w / 2.0, top, w, h), m.getAscent());
  }
}
