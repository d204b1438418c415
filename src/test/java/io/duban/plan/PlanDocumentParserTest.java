package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlanDocumentParserTest {

  private final PlanDocumentParser parser = new PlanDocumentParser();

  static String seed() throws IOException {
    return Files.readString(
        Path.of("seeds/zhongshan-kjj-2023-summary-2024-plan.txt"), StandardCharsets.UTF_8);
  }

  @Test
  void readsTheElevenLeavesOfTheSeedPlan() throws IOException {
    ParsedPlan plan = parser.parse(seed(), null, "seed");

    assertThat(plan.year()).isEqualTo(2024);
    assertThat(plan.title()).isEqualTo("中山市科学技术局2023年工作总结及2024年工作计划");
    assertThat(plan.leaves())
        .extracting(ParsedPlan.Item::code)
        .containsExactly("1.1", "1.2", "1.3", "2", "3", "4.1", "4.2", "5", "6", "7", "8");
    assertThat(plan.items())
        .extracting(ParsedPlan.Item::code)
        .containsExactly("1", "1.1", "1.2", "1.3", "2", "3", "4", "4.1", "4.2", "5", "6", "7", "8");
  }

  @Test
  void keepsTitlesAsTheFirstSentenceAndTheFullBody() throws IOException {
    ParsedPlan plan = parser.parse(seed(), null, "seed");

    assertThat(title(plan, "1.1")).isEqualTo("加快科创园建设及创新资源集聚");
    assertThat(title(plan, "4.1")).isEqualTo("推动“香港科创+中山制造”举措落实落细");
    assertThat(title(plan, "2")).isEqualTo("激励全社会加大研发费投入行动计划");
    assertThat(title(plan, "1")).isEqualTo("实施重大创新载体提升行动计划");
    assertThat(title(plan, "8")).isEqualTo("持续深化科技体制改革");
    assertThat(body(plan, "1.1")).contains("5吨/天氢液化装置").contains("高水准设计科创园展厅");
    assertThat(body(plan, "2")).contains("百人进千企");
    // the 2023 summary (part 一) is not part of the plan
    assertThat(plan.items()).noneMatch(i -> i.body().contains("主题教育"));
  }

  @Test
  void readsFullWidthPunctuationAlike() throws IOException {
    String fullWidth = seed().replace('(', '（').replace(')', '）').replace(',', '，');

    ParsedPlan plan = parser.parse(fullWidth, null, "seed");

    assertThat(plan.leaves())
        .extracting(ParsedPlan.Item::code)
        .containsExactly("1.1", "1.2", "1.3", "2", "3", "4.1", "4.2", "5", "6", "7", "8");
    assertThat(title(plan, "4.1")).isEqualTo("推动“香港科创+中山制造”举措落实落细");
  }

  @Test
  void readsAPlanOnlyDocumentWithFinerTasks() {
    String document =
        """
        某市科技局2025年工作要点
        （一）推进平台建设
        一是建设实验室。全年建成2个。
        （1）完成选址。
        （2）完成设备采购。
        二是引进团队。
        （二）优化服务
        持续优化政务服务。
        """;

    ParsedPlan plan = parser.parse(document, null, "api");

    assertThat(plan.year()).isEqualTo(2025);
    assertThat(plan.leaves())
        .extracting(ParsedPlan.Item::code)
        .containsExactly("1.1.1", "1.1.2", "1.2", "2");
    assertThat(title(plan, "1.1.2")).isEqualTo("完成设备采购");
  }

  @Test
  void refusesADocumentWithoutAPlanPart() {
    String summaryOnly =
        """
        一、2023年工作情况
        （一）坚持党的领导
        一是学习。
        """;

    assertThatThrownBy(() -> parser.parse(summaryOnly, null, "x"))
        .isInstanceOf(PlanImportException.class)
        .hasMessageContaining("没有找到计划部分");
  }

  @Test
  void refusesAPlanWithoutSections() {
    String noSections =
        """
        一、2023年工作情况
        做了很多工作。
        二、2024年工作计划
        继续努力。
        """;

    assertThatThrownBy(() -> parser.parse(noSections, null, "x"))
        .isInstanceOf(PlanImportException.class)
        .hasMessageContaining("第3行")
        .hasMessageContaining("没有编号的任务");
  }

  @Test
  void refusesSkippedSectionNumbersNamingTheLine() {
    String skipped =
        """
        二、2024年工作计划
        （一）第一项
        内容。
        （三）第三项
        内容。
        """;

    assertThatThrownBy(() -> parser.parse(skipped, null, "x"))
        .isInstanceOf(PlanImportException.class)
        .hasMessage("第4行：这里是“（三）”，应为“（二）”");
  }

  @Test
  void refusesSubItemsOutOfOrder() {
    String broken =
        """
        二、2024年工作计划
        （一）第一项
        一是甲。
        三是丙。
        """;

    assertThatThrownBy(() -> parser.parse(broken, null, "x"))
        .isInstanceOf(PlanImportException.class)
        .hasMessage("第4行：这里是“三是”，应为“二是”");
  }

  @Test
  void refusesAPlanWhoseYearIsNotStated() {
    String noYear =
        """
        二、工作计划
        （一）第一项
        内容。
        """;

    assertThatThrownBy(() -> parser.parse(noYear, null, "x")).hasMessageContaining("年份");
    assertThat(parser.parse(noYear, 2026, "x").year()).isEqualTo(2026);
  }

  private static String title(ParsedPlan plan, String code) {
    return plan.items().stream()
        .filter(i -> i.code().equals(code))
        .findFirst()
        .orElseThrow()
        .title();
  }

  private static String body(ParsedPlan plan, String code) {
    return plan.items().stream()
        .filter(i -> i.code().equals(code))
        .findFirst()
        .orElseThrow()
        .body();
  }
}
