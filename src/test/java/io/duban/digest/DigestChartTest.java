package io.duban.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.report.ClosingAction;
import io.duban.report.ClosingRecord;
import io.duban.report.ItemStanding;
import io.duban.report.LightRule;
import io.duban.report.PlanStanding;
import io.duban.report.ReportFact;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DigestChartTest {

  private final DigestChart chart = new DigestChart();

  private final ChartData data =
      new ChartData(
          "2024年重点工作推进情况（2024-W23）",
          List.of(
              new ChartData.Bar("1 实施重大创新载体提升行动计划", 55),
              new ChartData.Bar("2 激励全社会加大研发费投入", 30),
              new ChartData.Bar("3 高新技术企业", 80),
              new ChartData.Bar("4 区域科技合作", 0)),
          List.of(
              new ChartData.Count("正常", 6, 0x2e7d32),
              new ChartData.Count("关注", 3, 0xf9a825),
              new ChartData.Count("预警", 2, 0xc62828),
              new ChartData.Count("已办结销号", 1, 0x546e7a)));

  @Test
  void rendersAPngOfTheAdvertisedSizeWithEveryStatusColour() throws Exception {
    byte[] png = chart.render(data);
    java.nio.file.Files.write(java.nio.file.Path.of("target", "digest-chart.png"), png);

    assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
    assertThat(png.length).isLessThan(2 * 1024 * 1024);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(DigestChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(DigestChart.HEIGHT);
    Set<Integer> colours = new HashSet<>();
    int dark = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (brightness(rgb) < 100) {
          dark++;
        }
      }
    }
    assertThat(colours).contains(0x2e7d32, 0xf9a825, 0xc62828, 0x546e7a, 0x1f6fb2);
    assertThat(colours.size()).isGreaterThan(20);
    assertThat(dark).as("text and axes are drawn").isGreaterThan(2000);
  }

  @Test
  void drawsChineseWithRealGlyphsNotBoxes() {
    assertThat(ChartFonts.canDrawChinese())
        .as("a CJK font is installed (Debian: apt-get install fonts-noto-cjk)")
        .isTrue();
    // Missing glyphs are all drawn as the same box; distinct characters must differ.
    assertThat(glyph("督")).isNotEqualTo(glyph("办"));
    assertThat(glyph("督")).isNotEqualTo(glyph("\uE000"));
  }

  @Test
  void countsAClosedItemAsClosedAndCompleteWhateverWasReportedAfter() {
    ReportWeek week = ReportWeek.parse("2024-W23");
    var section = new io.duban.plan.PlanItem(1, 2024, "1", null, "实施重大创新载体提升行动计划", "", false, 1);
    var closedItem = new io.duban.plan.PlanItem(2, 2024, "1.1", "1", "加快科创园建设", "", true, 2);
    var openItem = new io.duban.plan.PlanItem(3, 2024, "1.2", "1", "加快推动平台建设", "", true, 3);
    var later =
        new ReportFact(
            7,
            "1.1",
            "platforms",
            "张伟",
            ReportStatus.IN_PROGRESS,
            60,
            "补充材料中",
            null,
            "2024-W23",
            java.time.Instant.parse("2024-06-05T02:00:00Z"),
            false);
    var closing =
        new ClosingRecord(
            "1.1",
            ClosingAction.CLOSE,
            "陈局长",
            null,
            "",
            java.time.Instant.parse("2024-05-23T02:00:00Z"));
    ItemStanding closedRow =
        new ItemStanding(
            closedItem,
            "1",
            "platforms",
            "平台科",
            List.of(),
            null,
            later,
            LightRule.judge(null, later, true, 2024, week, week.sunday()),
            closing);
    ItemStanding openRow =
        new ItemStanding(
            openItem,
            "1",
            "platforms",
            "平台科",
            List.of(),
            null,
            null,
            LightRule.judge(null, null, false, 2024, week, week.sunday()),
            null);
    PlanStanding board =
        new PlanStanding(
            week,
            week.sunday(),
            2024,
            List.of(new PlanStanding.Section(section, List.of(closedRow, openRow))));

    ChartData data = DigestChart.data(board);

    assertThat(data.statuses())
        .extracting(ChartData.Count::label, ChartData.Count::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("正常", 0L),
            org.assertj.core.groups.Tuple.tuple("关注", 1L),
            org.assertj.core.groups.Tuple.tuple("预警", 0L),
            org.assertj.core.groups.Tuple.tuple("已办结", 1L));
    assertThat(data.sections()).singleElement().extracting(ChartData.Bar::percent).isEqualTo(50);
    assertThat(data.sections().get(0).label())
        .as("the section's name whole, not 1 实施重大创新载体提升行动…")
        .isEqualTo("1 实施重大创新载体提升行动计划");
  }

  @Test
  void everyLabelIsWholeAndInsideTheImageZeroValuesIncluded() throws Exception {
    String longest =
        "1 实施重大创新载体提升行动计划，推动省实验室和省重点实验室提质增效、扩容升级，" + "形成国家级、省级、市级梯次培育格局，并带动新型研发机构和企业研发中心同步建设";
    ChartData many =
        new ChartData(
            "2024年重点工作推进情况（2024-W23）",
            List.of(
                new ChartData.Bar(longest, 0),
                new ChartData.Bar("2 激励全社会加大研发费投入", 100),
                new ChartData.Bar("3 高新技术企业", 80),
                new ChartData.Bar("4 区域科技合作", 0),
                new ChartData.Bar("5 深化科技体制改革", 45),
                new ChartData.Bar("6 优化科技创新生态", 12),
                new ChartData.Bar("7 加强科技人才队伍建设", 66),
                new ChartData.Bar("8 加强党的建设", 100)),
            List.of(
                new ChartData.Count("正常", 0, 0x2e7d32),
                new ChartData.Count("关注", 3, 0xf9a825),
                new ChartData.Count("预警", 12, 0xc62828),
                new ChartData.Count("已办结", 0, 0x546e7a)));

    byte[] png = chart.render(many);
    java.nio.file.Files.write(java.nio.file.Path.of("target", "digest-chart-labels.png"), png);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    List<ChartText.Placed> texts = chart.layout(many);

    String all = texts.stream().map(ChartText.Placed::text).reduce("", String::concat);
    for (ChartData.Bar bar : many.sections()) {
      assertThat(all).as("the legend names section %s whole", bar.label()).contains(bar.label());
    }
    assertThat(texts).extracting(ChartText.Placed::text).noneMatch(t -> t.contains("…"));
    assertThat(texts)
        .extracting(ChartText.Placed::text)
        .contains("已办结", "正常", "0%", "100%", "0", "12");
    java.awt.geom.Rectangle2D frame =
        new java.awt.geom.Rectangle2D.Double(0, 0, image.getWidth(), image.getHeight());
    for (ChartText.Placed t : texts) {
      assertThat(frame.contains(t.bounds()))
          .as("'%s' at %s is inside the image", t.text(), t.bounds())
          .isTrue();
    }
    assertThat(texts)
        .filteredOn(t -> t.text().startsWith("形成") || t.text().startsWith("1 实施"))
        .as("the long name wraps into lines that stay left of the status plot")
        .hasSizeGreaterThanOrEqualTo(1)
        .allMatch(t -> t.bounds().getMaxX() < DigestChart.WIDTH * 0.64);
    assertThat(texts.stream().filter(t -> longest.contains(t.text())).count())
        .as("the long name takes more than one line")
        .isGreaterThan(1);
    for (int i = 0; i < texts.size(); i++) {
      for (int j = i + 1; j < texts.size(); j++) {
        assertThat(texts.get(i).bounds().intersects(texts.get(j).bounds()))
            .as("'%s' and '%s' overlap", texts.get(i).text(), texts.get(j).text())
            .isFalse();
      }
    }
  }

  @Test
  void aChartWithNoItemsStillRenders() throws Exception {
    byte[] png = chart.render(new ChartData("空计划", List.of(), List.of()));

    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(DigestChart.WIDTH);
  }

  private static String glyph(String text) {
    BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 40, 40);
    g.setColor(Color.BLACK);
    g.setFont(ChartFonts.font(Font.PLAIN, 30));
    g.drawString(text, 4, 32);
    g.dispose();
    StringBuilder bits = new StringBuilder();
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 40; x++) {
        bits.append((image.getRGB(x, y) & 0xffffff) == 0 ? '#' : '.');
      }
    }
    return bits.toString();
  }

  private static int brightness(int rgb) {
    return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
  }
}
