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
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.springframework.stereotype.Component;

/**
 * Renders the digest chart: completion per plan section beside the count of items per light, as a
 * PNG small enough for a WeCom image message (limit 2 MB), drawn from the {@link PlanStanding} the
 * board shows. Bars are JFreeChart's; every text is placed by {@link #layout} so none is cut: a
 * section's bar carries its code, the legend below gives its whole name (wrapped), and values stay
 * inside their plot, zero included. The image grows taller when the legend needs it.
 */
@Component
class DigestChart {

  static final int WIDTH = 1200;
  static final int HEIGHT = 640;
  private static final Color INK = new Color(0x33, 0x33, 0x33);
  private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
  private static final Color BAR = new Color(0x1f, 0x6f, 0xb2);
  private static final int TOP = 60;
  private static final int MIN_PLOT = 300;
  private static final int LEFT_WIDTH = (int) (WIDTH * 0.62);
  private static final int LEGEND_LINE = 24;
  private static final Font TITLE_FONT = ChartFonts.font(Font.BOLD, 26);
  private static final Font LABEL_FONT = ChartFonts.font(Font.PLAIN, 15);
  private static final Font VALUE_FONT = ChartFonts.font(Font.BOLD, 14);
  private static final Font LEGEND_FONT = ChartFonts.font(Font.PLAIN, 15);

  /** What the chart of {@code board} shows. */
  static ChartData data(PlanStanding board) {
    List<ChartData.Bar> bars = new ArrayList<>();
    for (PlanStanding.Section s : board.sections()) {
      String title = s.item().title() == null ? "" : s.item().title().strip();
      bars.add(new ChartData.Bar(s.item().code() + " " + title, s.completion()));
    }
    var counts = board.counts();
    List<ChartData.Count> statuses =
        List.of(
            new ChartData.Count("正常", counts.get(Light.GREEN), 0x2e7d32),
            new ChartData.Count("关注", counts.get(Light.YELLOW), 0xf9a825),
            new ChartData.Count("预警", counts.get(Light.RED), 0xc62828),
            new ChartData.Count("已办结", counts.get(Light.CLOSED), 0x546e7a));
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
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D probe = scratch.createGraphics();
    List<ChartText.Line> legend;
    try {
      legend = ChartText.legend(data.sections(), probe.getFontMetrics(LEGEND_FONT), LEFT_WIDTH);
    } finally {
      probe.dispose();
    }
    int legendHeight = legend.isEmpty() ? 0 : legend.size() * LEGEND_LINE + 16;
    int height = Math.max(HEIGHT, TOP + MIN_PLOT + legendHeight + 10);
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      for (ChartText.Placed text : layout(data, legend, height, g)) {
        text.draw(g);
      }
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

  /** Every text of the chart where it is drawn, for {@code data} on a {@link #WIDTH} wide image. */
  List<ChartText.Placed> layout(ChartData data) {
    BufferedImage scratch = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      List<ChartText.Line> legend =
          ChartText.legend(data.sections(), g.getFontMetrics(LEGEND_FONT), LEFT_WIDTH);
      int legendHeight = legend.isEmpty() ? 0 : legend.size() * LEGEND_LINE + 16;
      return layout(data, legend, Math.max(HEIGHT, TOP + MIN_PLOT + legendHeight + 10), g);
    } finally {
      g.dispose();
    }
  }

  /**
   * Draws the two plots' bars on {@code g} and answers every text to draw: the title, each
   * section's code beside its bar and its full name in the legend below (wrapped, never cut), each
   * bar's value (zero included) kept inside its plot, and the status names under their bars.
   */
  private List<ChartText.Placed> layout(
      ChartData data, List<ChartText.Line> legend, int height, Graphics2D g) {
    List<ChartText.Placed> texts = new ArrayList<>();
    g.setFont(TITLE_FONT);
    texts.add(ChartText.centred(data.title(), TITLE_FONT, g, WIDTH / 2.0, 16));
    int legendHeight = legend.isEmpty() ? 0 : legend.size() * LEGEND_LINE + 16;
    Rectangle2D left =
        new Rectangle2D.Double(10, TOP, LEFT_WIDTH, height - TOP - 10 - legendHeight);
    Rectangle2D right = new Rectangle2D.Double(WIDTH * 0.64, TOP, WIDTH * 0.35, height - TOP - 10);

    JFreeChart completion = completion(data);
    ChartRenderingInfo leftInfo = new ChartRenderingInfo();
    completion.draw(g, left, leftInfo);
    Rectangle2D leftArea = leftInfo.getPlotInfo().getDataArea();
    CategoryPlot leftPlot = completion.getCategoryPlot();
    List<ChartData.Bar> bars = data.sections();
    for (int i = 0; i < bars.size(); i++) {
      double y =
          leftPlot
              .getDomainAxis()
              .getCategoryMiddle(i, bars.size(), leftArea, leftPlot.getDomainAxisEdge());
      double end =
          leftPlot
              .getRangeAxis()
              .valueToJava2D(bars.get(i).percent(), leftArea, leftPlot.getRangeAxisEdge());
      texts.add(
          ChartText.rightAligned(
              ChartText.code(bars.get(i)), LABEL_FONT, g, leftArea.getMinX() - 8, y));
      texts.add(ChartText.beside(bars.get(i).percent() + "%", VALUE_FONT, g, end + 6, y, leftArea));
    }
    double legendTop = left.getMaxY() + 12;
    for (int i = 0; i < legend.size(); i++) {
      ChartText.Line line = legend.get(i);
      texts.add(
          ChartText.at(
              line.text(), LEGEND_FONT, g, 20 + line.indent(), legendTop + i * LEGEND_LINE));
    }

    JFreeChart statuses = statuses(data);
    ChartRenderingInfo rightInfo = new ChartRenderingInfo();
    statuses.draw(g, right, rightInfo);
    Rectangle2D rightArea = rightInfo.getPlotInfo().getDataArea();
    CategoryPlot rightPlot = statuses.getCategoryPlot();
    List<ChartData.Count> counts = data.statuses();
    for (int i = 0; i < counts.size(); i++) {
      double x =
          rightPlot
              .getDomainAxis()
              .getCategoryMiddle(i, counts.size(), rightArea, rightPlot.getDomainAxisEdge());
      double top =
          rightPlot
              .getRangeAxis()
              .valueToJava2D(counts.get(i).count(), rightArea, rightPlot.getRangeAxisEdge());
      texts.add(
          ChartText.centred(counts.get(i).label(), LABEL_FONT, g, x, rightArea.getMaxY() + 8));
      texts.add(
          ChartText.above(
              String.valueOf(counts.get(i).count()), VALUE_FONT, g, x, top - 4, rightArea));
    }
    return texts;
  }

  private static JFreeChart completion(ChartData data) {
    var dataset = new DefaultCategoryDataset();
    for (ChartData.Bar bar : data.sections()) {
      dataset.addValue(bar.percent(), "完成率", bar.label());
    }
    CategoryPlot plot = plot(dataset, PlotOrientation.HORIZONTAL, "完成率（%）");
    // room right of a full bar for its value
    NumberAxis percent = (NumberAxis) plot.getRangeAxis();
    percent.setRange(0, 112);
    percent.setTickUnit(new NumberTickUnit(20));
    AxisSpace codes = new AxisSpace();
    codes.setLeft(46); // the section codes, drawn by layout()
    plot.setFixedDomainAxisSpace(codes);
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
    NumberAxis counts = (NumberAxis) plot.getRangeAxis();
    counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    counts.setUpperMargin(0.18); // room above the tallest bar for its value
    counts.setAutoRangeMinimumSize(4);
    AxisSpace names = new AxisSpace();
    names.setBottom(36); // the status names, drawn by layout()
    plot.setFixedDomainAxisSpace(names);
    List<ChartData.Count> bars = data.statuses();
    BarRenderer renderer =
        new BarRenderer() {
          @Override
          public java.awt.Paint getItemPaint(int row, int column) {
            return new Color(bars.get(column).rgb());
          }
        };
    style(renderer);
    plot.setRenderer(renderer);
    return chart("事项状态分布", plot);
  }

  private static CategoryPlot plot(
      DefaultCategoryDataset dataset, PlotOrientation orientation, String valueLabel) {
    // Category names and values are drawn by layout(), whole, where they fit.
    CategoryAxis categories = new CategoryAxis();
    categories.setTickLabelsVisible(false);
    categories.setTickMarksVisible(false);
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
  }

  private static JFreeChart chart(String title, CategoryPlot plot) {
    JFreeChart chart = new JFreeChart(title, ChartFonts.font(Font.BOLD, 18), plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setPaint(INK);
    chart.setAntiAlias(true);
    return chart;
  }
}
