package io.duban.digest;

import io.duban.report.Light;
import io.duban.report.PlanStanding;
import io.duban.system.ChineseDates;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.springframework.stereotype.Component;

/**
 * Renders the digest chart: completion per plan section beside the count of items per light, as a
 * PNG small enough for a WeCom image message (limit 2 MB), drawn from the {@link PlanStanding} the
 * board shows.
 */
@Component
class DigestChart {

  static final int WIDTH = 1200;
  static final int HEIGHT = 640;
  private static final Color INK = new Color(0x33, 0x33, 0x33);
  private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
  private static final Color BAR = new Color(0x1f, 0x6f, 0xb2);

  /** What the chart of {@code board} shows. */
  static ChartData data(PlanStanding board) {
    List<ChartData.Bar> bars = new ArrayList<>();
    for (PlanStanding.Section s : board.sections()) {
      bars.add(
          new ChartData.Bar(s.item().code() + " " + shortTitle(s.item().title()), s.completion()));
    }
    var counts = board.counts();
    List<ChartData.Count> statuses =
        List.of(
            new ChartData.Count("正常", counts.get(Light.GREEN), 0x2e7d32),
            new ChartData.Count("关注", counts.get(Light.YELLOW), 0xf9a825),
            new ChartData.Count("预警", counts.get(Light.RED), 0xc62828),
            new ChartData.Count("已办结销号", counts.get(Light.CLOSED), 0x546e7a));
    return new ChartData(
        board.year()
            + "年重点工作推进情况（"
            + ChineseDates.week(board.week().monday(), LocalDate.of(board.year(), 7, 1))
            + "）",
        bars,
        statuses);
  }

  /** The chart as PNG bytes; blocking (draws on the calling thread). */
  byte[] render(ChartData data) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(INK);
      g.setFont(ChartFonts.font(Font.BOLD, 26));
      int titleWidth = g.getFontMetrics().stringWidth(data.title());
      g.drawString(data.title(), (WIDTH - titleWidth) / 2, 42);
      completion(data).draw(g, new Rectangle2D.Double(10, 60, WIDTH * 0.62, HEIGHT - 70));
      statuses(data).draw(g, new Rectangle2D.Double(WIDTH * 0.64, 60, WIDTH * 0.35, HEIGHT - 70));
    } finally {
      g.dispose();
    }
    var out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the digest chart", e);
    }
    return out.toByteArray();
  }

  private static JFreeChart completion(ChartData data) {
    var dataset = new DefaultCategoryDataset();
    for (ChartData.Bar bar : data.sections()) {
      dataset.addValue(bar.percent(), "完成率", bar.label());
    }
    CategoryPlot plot = plot(dataset, PlotOrientation.HORIZONTAL, "完成率（%）");
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 105);
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setSeriesPaint(0, BAR);
    return chart("各部分平均完成率", plot);
  }

  private static JFreeChart statuses(ChartData data) {
    var dataset = new DefaultCategoryDataset();
    for (ChartData.Count count : data.statuses()) {
      dataset.addValue(count.count(), "事项数", count.label());
    }
    CategoryPlot plot = plot(dataset, PlotOrientation.VERTICAL, "事项数");
    ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    List<ChartData.Count> counts = data.statuses();
    BarRenderer renderer =
        new BarRenderer() {
          @Override
          public java.awt.Paint getItemPaint(int row, int column) {
            return new Color(counts.get(column).rgb());
          }
        };
    style(renderer);
    plot.setRenderer(renderer);
    return chart("事项状态分布", plot);
  }

  private static CategoryPlot plot(
      DefaultCategoryDataset dataset, PlotOrientation orientation, String valueLabel) {
    CategoryAxis categories = new CategoryAxis();
    categories.setTickLabelFont(ChartFonts.font(Font.PLAIN, 15));
    categories.setMaximumCategoryLabelLines(2);
    categories.setMaximumCategoryLabelWidthRatio(0.45f);
    NumberAxis values = new NumberAxis(valueLabel);
    values.setLabelFont(ChartFonts.font(Font.PLAIN, 14));
    values.setTickLabelFont(ChartFonts.font(Font.PLAIN, 13));
    BarRenderer renderer = new BarRenderer();
    style(renderer);
    CategoryPlot plot = new CategoryPlot(dataset, categories, values, renderer);
    plot.setOrientation(orientation);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(GRID);
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setOutlineVisible(false);
    return plot;
  }

  private static void style(BarRenderer renderer) {
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setMaximumBarWidth(0.12);
    renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(ChartFonts.font(Font.BOLD, 14));
    renderer.setDefaultItemLabelPaint(INK);
  }

  private static JFreeChart chart(String title, CategoryPlot plot) {
    JFreeChart chart = new JFreeChart(title, ChartFonts.font(Font.BOLD, 18), plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setPaint(INK);
    chart.setAntiAlias(true);
    return chart;
  }

  private static String shortTitle(String title) {
    String t = title == null ? "" : title.strip();
    return t.length() <= 12 ? t : t.substring(0, 12) + "…";
  }
}
