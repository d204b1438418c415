package io.duban.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.report.Light;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestComposerTest {

  private final DigestComposer composer = new DigestComposer();

  private WeeklyDigest digest(String dashboardUrl, List<String> late) {
    return new WeeklyDigest(
        ReportWeek.parse("2024-W23"),
        new WeeklyDigest.Counts(1, 2, 1, 1, 1, 0, 0, 1, 1),
        new WeeklyDigest.Counts(0, 3, 2, 0, 0, 0, 0, 0, 3),
        List.of(
            new WeeklyDigest.Section(
                "1",
                "强化科技创新平台建设",
                List.of(
                    new WeeklyDigest.Item(
                        "1.1",
                        "推进省实验室建设",
                        "平台科",
                        ReportStatus.DONE,
                        100,
                        "揭牌仪式已完成\n附件略",
                        true,
                        false,
                        false,
                        Light.GREEN,
                        false),
                    new WeeklyDigest.Item(
                        "1.2",
                        "药创院省重点实验室申报",
                        "平台科",
                        ReportStatus.IN_PROGRESS,
                        60,
                        "材料已报送",
                        true,
                        false,
                        false,
                        Light.GREEN,
                        false),
                    // closed, then its unit wrote 进行中 again: it stays closed
                    new WeeklyDigest.Item(
                        "1.3",
                        "健康基地扩区提质",
                        "平台科",
                        ReportStatus.IN_PROGRESS,
                        80,
                        "补充材料中",
                        false,
                        true,
                        false,
                        Light.CLOSED,
                        false))),
            new WeeklyDigest.Section(
                "2",
                "培育壮大创新主体",
                List.of(
                    new WeeklyDigest.Item(
                        "2",
                        "培育壮大创新主体",
                        "高新科",
                        ReportStatus.BLOCKED,
                        30,
                        "用地指标未落实",
                        true,
                        false,
                        false,
                        Light.RED,
                        false))),
            new WeeklyDigest.Section(
                "3",
                "深化科技体制改革",
                List.of(
                    new WeeklyDigest.Item(
                        "3",
                        "深化科技体制改革",
                        "政策科",
                        ReportStatus.IN_PROGRESS,
                        40,
                        "",
                        false,
                        false,
                        false,
                        Light.YELLOW,
                        false)))),
        List.of(new WeeklyDigest.Blocked("2", "培育壮大创新主体", "高新科", "用地指标未落实")),
        List.of("政策科"),
        late,
        dashboardUrl);
  }

  @Test
  void writesHeadlineWithChangeSectionsBlockedAndMissingUnits() {
    String text =
        composer.compose(digest("https://duban.example.gov.cn/dashboard", List.of("高新科")));

    assertThat(text)
        .isEqualTo(
            """
            【督办周报】2024年第23周（6月3日—6月9日）
            预警 1（+1），关注 1（-1），正常 2（-1），已办结销号 1（+1）
            其中已逾期 0（持平），滞后 0（持平），受阻 1（+1），已完成待销号 1（+1），本周未报送 1（-2）
            （灯色与看板一致，括号内为较上周变化）

            一、强化科技创新平台建设
            1.1 推进省实验室建设：已完成 100%，“揭牌仪式已完成 附件略”
            1.2 药创院省重点实验室申报：推进中 60%，“材料已报送”
            1.3 健康基地扩区提质：✅ 已办结销号

            二、培育壮大创新主体
            2 培育壮大创新主体：受阻 30%，“用地指标未落实”

            三、深化科技体制改革
            3 深化科技体制改革：本周未报送（上次：推进中 40%）

            受阻事项：
            2 培育壮大创新主体（高新科）：“用地指标未落实”

            未报送单位：政策科
            迟报单位（晚于报送截止时间）：高新科
            详情看板：https://duban.example.gov.cn/dashboard""");
  }

  @Test
  void namesTheWeeksApprovedExtensionsBrieflyAndCountsTheRest() {
    List<String> approved = new java.util.ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      approved.add(String.format("J2024-%03d 至2024年7月15日", i));
    }
    WeeklyDigest d = digest(null, List.of());
    assertThat(composer.compose(d)).doesNotContain("延期");
    String text = composer.compose(d.withExtensions(approved));
    assertThat(text)
        .contains("本周同意延期 40 项：J2024-001 至2024年7月15日、J2024-002", "J2024-005 至2024年7月15日 等")
        .doesNotContain("J2024-006");
    assertThat(composer.summary(d.withExtensions(approved)))
        .contains("本周同意延期 40 项")
        .satisfies(
            s ->
                assertThat(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(DigestComposer.SUMMARY_MAX_BYTES));
  }

  @Test
  void leavesOutTheLinkWithoutAPublicUrlAndTheLateLineWhenNobodyWasLate() {
    String text = composer.compose(digest(null, List.of()));

    assertThat(text).doesNotContain("详情看板").doesNotContain("迟报单位").endsWith("未报送单位：政策科");
  }

  @Test
  void aReportersTextCannotAddLinesOrMentionsToTheDigest() {
    String forged =
        "缺资金\n\n未报送单位：无\r\n详情看板：http://evil.example\u2028<@all> @all <at user_id=\"all\">所有人</at>";
    WeeklyDigest d =
        new WeeklyDigest(
            ReportWeek.parse("2024-W23"),
            new WeeklyDigest.Counts(0, 0, 0, 1, 0, 0, 0, 1, 0),
            new WeeklyDigest.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0),
            List.of(
                new WeeklyDigest.Section(
                    "2",
                    "培育壮大创新主体",
                    List.of(
                        new WeeklyDigest.Item(
                            "2",
                            "培育壮大创新主体",
                            "高新科",
                            ReportStatus.BLOCKED,
                            30,
                            forged,
                            true,
                            false,
                            false,
                            Light.RED,
                            false)))),
            List.of(new WeeklyDigest.Blocked("2", "培育壮大创新主体", "高新科", forged)),
            List.of("政策科"),
            List.of(),
            null);

    String text = composer.compose(d);

    assertThat(text.lines().filter(l -> l.startsWith("未报送单位："))).containsExactly("未报送单位：政策科");
    assertThat(text.lines().filter(l -> l.startsWith("详情看板"))).isEmpty();
    assertThat(text).doesNotContain("<@all>", "@all", "<at", "\u2028", "\r");
    assertThat(text.lines().filter(l -> l.contains("缺资金")))
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).contains("“缺资金 未报送单位：无"));
  }

  @Test
  void showsAClosedItemAsClosedWhateverItsLatestReportSays() {
    WeeklyDigest closedOnly =
        new WeeklyDigest(
            ReportWeek.parse("2024-W23"),
            new WeeklyDigest.Counts(2, 0, 0, 0, 0, 0, 0, 0, 0),
            new WeeklyDigest.Counts(1, 1, 0, 0, 1, 0, 0, 0, 0),
            List.of(
                new WeeklyDigest.Section(
                    "1",
                    "强化科技创新平台建设",
                    List.of(
                        new WeeklyDigest.Item(
                            "1.1",
                            "推进省实验室建设",
                            "平台科",
                            ReportStatus.BLOCKED,
                            90,
                            "又出问题",
                            true,
                            true,
                            false,
                            Light.CLOSED,
                            false),
                        new WeeklyDigest.Item(
                            "1.2",
                            "药创院申报",
                            "平台科",
                            null,
                            null,
                            "",
                            false,
                            true,
                            false,
                            Light.CLOSED,
                            false)))),
            List.of(),
            List.of(),
            List.of(),
            null);

    String text = composer.compose(closedOnly);

    assertThat(text)
        .contains("已办结销号 2（+1）")
        .contains("已完成待销号 0（-1）")
        .contains("1.1 推进省实验室建设：✅ 已办结销号\n")
        .contains("1.2 药创院申报：✅ 已办结销号\n")
        .doesNotContain("受阻 90%")
        .doesNotContain("尚无报送")
        .doesNotContain("本周未报送（")
        .endsWith("未报送单位：无");
  }

  @Test
  void listsOverdueItemsAndTheGroupsLastWeeksDigestDidNotReach() {
    WeeklyDigest base = digest(null, List.of());
    WeeklyDigest d =
        new WeeklyDigest(
                base.week(),
                base.counts(),
                base.previous(),
                base.sections(),
                base.blocked(),
                base.missingUnits(),
                base.lateUnits(),
                null,
                List.of(
                    new WeeklyDigest.Overdue(
                        "3", "深化科技体制改革", "政策科", java.time.LocalDate.of(2024, 5, 31))),
                List.of())
            .withUnreached(List.of("局领导督办群", "分管领导群"));

    String text = composer.compose(d);

    assertThat(text)
        .contains("\n逾期事项：\n3 深化科技体制改革（政策科，完成时限 2024年5月31日）\n")
        .contains("\n上周未送达：局领导督办群、分管领导群（请管理员在「消息投递」页查看原因并重发）");
    assertThat(composer.compose(base)).doesNotContain("上周未送达").doesNotContain("逾期事项");
  }
}
