package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.report.Understanding.Chatter;
import io.duban.report.Understanding.Command;
import io.duban.report.Understanding.Report;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportParserTest {

  private final ReportParser parser = SeedCatalogue.parser();

  private Report report(String text) {
    Understanding u = parser.parse(text, Set.of());
    assertThat(u).as(text).isInstanceOf(Report.class);
    return (Report) u;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.1 科创园展厅设计方案已完成初稿 | 1.1",
        "#1.2 药创院推进中 | 1.2",
        "【1.3】扩区材料已上报 | 1.3",
        "4.1：港中大对接 | 4.1",
        "4.2:深中合作 | 4.2",
        "（四）一 港中大项目签约 | 4.1",
        "(四)二 深中合作对接 | 4.2",
        "第六项 进度60% | 6",
        "任务7 进度45% | 7",
        "任务七 进度45% | 7",
        "六、对接银行 | 6",
        "(二) 十大主题产业园项目征集 | 2",
        "2. 本周上门服务企业26家 | 2",
        "3 高企培育库入库860家 | 3",
        "@督办助手 1.2 药创院推进中 | 1.2",
        "进展：1.1 举办技术论坛 | 1.1",
        "【进展】5 人才计划申报辅导 | 5",
        "1.1.2 展厅设计方案报审 | 1.1",
        "第四项第二点 深中合作 | 4.2",
        "药创院申报省重点实验室（1.2）进度60% | 1.2",
        "１．２ 全角编号也认 | 1.2"
      })
  void readsTheItemCodeInEveryFormPeopleType(String text, String code) {
    assertThat(report(text).itemCode()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5吨/天氢液化装置选址已确定，进度30%", "10家企业完成入库，进度40%", "2024年科创园建设进度50%"})
  void doesNotTakeAQuantityAtTheStartForAnItemCode(String text) {
    assertThat(ItemCodeReader.read(ReportParser.clean(text).folded())).isEmpty();
  }

  @Test
  void anUnknownSectionNumberIsNotAnItem() {
    Report r = report("9 科创园展厅布展进度40%");
    assertThat(r.itemCode()).isEqualTo("1.1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.1 进度60% | 60",
        "1.1 进度60％ | 60",
        "1.1 进度45 % | 45",
        "1.1 约65% | 65",
        "1.1 完成率90% | 90",
        "1.1 完成百分之五十 | 50",
        "1.1 已完成七成 | 70",
        "1.1 进度由40%提高到55% | 55",
        "6 新增贷款同比增长20%，进度70% | 70",
        "1.1 进度62.5% | 63"
      })
  void readsThePercentInEveryForm(String text, int percent) {
    assertThat(report(text).percent()).isEqualTo(percent);
  }

  @Test
  void overHalfIsHalfAndAGrowthRateIsNotProgress() {
    assertThat(report("1.2 平台建设过半").percent()).isEqualTo(50);
    assertThat(report("7 科技服务业营收同比增长8%，稳步推进").percent()).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.3 已完成 | DONE",
        "8 合署办公已完成 | DONE",
        "2 全年任务已完成 | DONE",
        "3 本项办结 | DONE",
        "1.1 进度100% | DONE",
        "1.1 已完成展厅设计方案，进度60% | IN_PROGRESS",
        "1.1 已完成展厅设计初稿 | IN_PROGRESS",
        "1.1 完成率90% | IN_PROGRESS",
        "1.1 预计下月完成 | IN_PROGRESS",
        "1.1 尚未完成 | IN_PROGRESS",
        "1.1 展厅布展滞后 | DELAYED",
        "1.1 评审延期 | DELAYED",
        "1.1 开工推迟到下月 | DELAYED",
        "1.1 进度慢 | DELAYED",
        "1.1 无滞后，进度50% | IN_PROGRESS",
        "1.1 用地受阻 | BLOCKED",
        "1.1 审批卡住了 | BLOCKED",
        "1.1 需协调自然资源局 | BLOCKED",
        "1.1 资金困难 | BLOCKED",
        "1.1 用地受阻，已完成方案 | BLOCKED"
      })
  void readsTheStatus(String text, ReportStatus status) {
    assertThat(report(text).status()).isEqualTo(status);
  }

  @Test
  void keepsTheReasonOfABlockedItem() {
    Report r = report("1.1 氢液化装置落地用地问题卡住了，需协调自然资源局");
    assertThat(r.status()).isEqualTo(ReportStatus.BLOCKED);
    assertThat(r.reason()).isEqualTo("氢液化装置落地用地问题卡住了，需协调自然资源局");
    assertThat(report("1.1 进度60%").reason()).isNull();
  }

  @Test
  void aDoneItemWithoutPercentCountsAsHundred() {
    assertThat(report("1.3 已完成").percent()).isEqualTo(100);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "收到",
        "好的",
        "谢谢提醒",
        "辛苦了",
        "👍",
        "大家早上好",
        "明天上午9点在三楼会议室开周例会",
        "请各科室准时参加",
        "下周一局务会，请准备科创园汇报材料",
        "科创园那边进展怎么样了？",
        ""
      })
  void chatterIsNeitherAReportNorACommand(String text) {
    assertThat(parser.parse(text, Set.of())).isInstanceOf(Chatter.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "帮助 | HELP | ",
        "/help | HELP | ",
        "我的任务 | MINE | ",
        "/mine | MINE | ",
        "查询 1.2 | SHOW | 1.2",
        "/show 4.1 | SHOW | 4.1",
        "撤销 | UNDO | ",
        "/undo | UNDO | ",
        "修改 1.2 进度70% | EDIT | 1.2",
        "/edit 1.2 进度65% | EDIT | 1.2",
        "同上 | SAME | ",
        "1.1 无变化 | SAME | 1.1",
        "未报 | MISSING | ",
        "/missing | MISSING | "
      })
  void readsCommandsInChineseAndEnglish(String text, CommandKind kind, String code) {
    Understanding u = parser.parse(text, Set.of());
    assertThat(u).isInstanceOf(Command.class);
    assertThat(((Command) u).kind()).isEqualTo(kind);
    assertThat(((Command) u).itemCode()).isEqualTo(code);
  }

  @Test
  void anEditMovesTheReportOnlyByATypedCode() {
    Understanding u = parser.parse("修改 进度65%，药创院材料已报送", Set.of());
    assertThat(u).isInstanceOf(Command.class);
    Command edit = (Command) u;
    assertThat(edit.itemCode()).isNull();
    assertThat(edit.payload().percent()).isEqualTo(65);
  }

  @Test
  void anEditCarriesTheReplacementReport() {
    Command edit = (Command) parser.parse("修改 1.2 进度70%", Set.of());
    assertThat(edit.payload().itemCode()).isEqualTo("1.2");
    assertThat(edit.payload().percent()).isEqualTo(70);
  }

  @Test
  void freeTextIsMatchedToTheItemItDescribes() {
    Report r = report("华南现代中医药城纳入国家健康基地范围材料已上报");
    assertThat(r.itemCode()).isEqualTo("1.3");
    assertThat(r.candidates()).first().extracting(Candidate::code).isEqualTo("1.3");
  }

  @Test
  void anAmbiguousLineGetsCandidatesInsteadOfAGuess() {
    Report r = report("与火炬区、翠亨新区联动推进中，进度50%");
    assertThat(r.needsItem()).isTrue();
    assertThat(r.candidates()).extracting(Candidate::code).contains("1.2", "4.1");
  }

  @Test
  void theSendersUnitTipsAnAmbiguousLineTowardItsOwnItem() {
    String text = "与火炬区、翠亨新区联动推进中，进度50%";
    Understanding forPlatformUnit = parser.parse(text, Set.of("1.2"));
    assertThat(((Report) forPlatformUnit).itemCode()).isEqualTo("1.2");
    Understanding forHongKongUnit = parser.parse(text, Set.of("4.1"));
    assertThat(((Report) forHongKongUnit).itemCode()).isEqualTo("4.1");
  }

  @Test
  void aSectionWithSubItemsNarrowsTheChoiceToItsLeaves() {
    Report r = report("(四) 港中大框架合作协议实施细则已签署，进度50%");
    assertThat(r.itemCode()).isEqualTo("4.1");
    Report unclear = report("（一）进度40%");
    assertThat(unclear.needsItem()).isTrue();
    assertThat(unclear.candidates())
        .extracting(Candidate::code)
        .containsExactly("1.1", "1.2", "1.3");
  }

  @Test
  void aReportWithoutAnyItemHintAsksWithoutCandidates() {
    Report r = report("已完成");
    assertThat(r.needsItem()).isTrue();
    assertThat(r.candidates()).isEmpty();
  }

  @Test
  void aRoundUpOfSeveralItemsIsOneReportPerCodedLine() {
    Understanding u =
        parser.parse(
            "本周进展如下：\n1.1 科创园展厅设计方案已完成初稿，进度40%\n1.2 药创院材料已报送\n省厅已受理，进度60%\n8 合署办公已完成", Set.of());

    assertThat(u).isInstanceOf(Understanding.Batch.class);
    var reports = ((Understanding.Batch) u).reports();
    assertThat(reports).extracting(Report::itemCode).containsExactly("1.1", "1.2", "8");
    assertThat(reports).extracting(Report::percent).containsExactly(40, 60, 100);
    assertThat(reports.get(1).text()).isEqualTo("药创院材料已报送；省厅已受理，进度60%");
  }

  @Test
  void aReportOverSeveralLinesWithOneCodeStaysOneReport() {
    Understanding u = parser.parse("1.2 药创院材料已报送\n省厅已受理，进度60%", Set.of());

    assertThat(u).isInstanceOf(Report.class);
    assertThat(((Report) u).percent()).isEqualTo(60);
  }
}
