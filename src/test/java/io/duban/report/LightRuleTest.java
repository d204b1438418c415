package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.unit.Assignment;
import io.duban.unit.Milestone;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LightRuleTest {

  private static final Assignment HALF_BY_JUNE =
      new Assignment(
          "1.2",
          "platforms",
          List.of(),
          LocalDate.of(2024, 12, 31),
          List.of(new Milestone(LocalDate.of(2024, 6, 30), 50, null)));
  private static final ReportWeek W23 = ReportWeek.parse("2024-W23");

  @Test
  void expectedPaceFollowsMilestonesThenTheDeadline() {
    assertThat(LightRule.expectedPercent(HALF_BY_JUNE, 2024, LocalDate.of(2024, 1, 1))).isZero();
    assertThat(LightRule.expectedPercent(HALF_BY_JUNE, 2024, LocalDate.of(2024, 6, 30)))
        .isEqualTo(50);
    assertThat(LightRule.expectedPercent(HALF_BY_JUNE, 2024, LocalDate.of(2024, 9, 30)))
        .isBetween(74, 76);
    assertThat(LightRule.expectedPercent(HALF_BY_JUNE, 2024, LocalDate.of(2025, 1, 5)))
        .isEqualTo(100);
    assertThat(
            LightRule.expectedPercent(
                new Assignment("8", "office", List.of(), null, List.of()),
                2024,
                LocalDate.of(2024, 6, 1)))
        .isNull();
  }

  @Test
  void onPaceAndFreshIsGreen() {
    Judgement j = judge(report("IN_PROGRESS", 50, "2024-W23"));
    assertThat(j.light()).isEqualTo(Light.GREEN);
    assertThat(j.reasons()).containsExactly("进度正常");
  }

  @Test
  void tenPointsBehindIsYellowAndTwentyIsRed() {
    assertThat(judge(report("IN_PROGRESS", 33, "2024-W23")).light()).isEqualTo(Light.YELLOW);
    Judgement red = judge(report("IN_PROGRESS", 20, "2024-W23"));
    assertThat(red.light()).isEqualTo(Light.RED);
    assertThat(red.reasonText()).isEqualTo("进度 20% 落后序时进度 44%");
  }

  @Test
  void silenceTurnsYellowAfterTwoWeeksAndRedAfterThree() {
    assertThat(judge(report("IN_PROGRESS", 50, "2024-W22")).light()).isEqualTo(Light.GREEN);
    Judgement two = judge(report("IN_PROGRESS", 50, "2024-W21"));
    assertThat(two.light()).isEqualTo(Light.YELLOW);
    assertThat(two.reasons()).containsExactly("已连续 2 周未报送");
    assertThat(judge(report("IN_PROGRESS", 50, "2024-W20")).light()).isEqualTo(Light.RED);
  }

  @Test
  void blockedIsRedWithTheBlockerDelayedIsYellowDoneIsGreenClosedIsClosed() {
    Judgement blocked = judge(report("BLOCKED", 50, "2024-W23"));
    assertThat(blocked.light()).isEqualTo(Light.RED);
    assertThat(blocked.reasonText()).isEqualTo("报告受阻：等待省厅批复");
    assertThat(judge(report("DELAYED", 50, "2024-W23")).light()).isEqualTo(Light.YELLOW);
    assertThat(judge(report("DONE", 100, "2024-W10")).light()).isEqualTo(Light.GREEN);
    assertThat(
            LightRule.judge(
                    HALF_BY_JUNE, report("DONE", 100, "2024-W10"), true, 2024, W23, W23.sunday())
                .light())
        .isEqualTo(Light.CLOSED);
  }

  @Test
  void pastTheDeadlineAndNotDoneIsRed() {
    ReportWeek late = ReportWeek.parse("2025-W02");
    Judgement j =
        LightRule.judge(
            HALF_BY_JUNE, report("IN_PROGRESS", 95, "2025-W02"), false, 2024, late, late.sunday());
    assertThat(j.light()).isEqualTo(Light.RED);
    assertThat(j.reasonText()).isEqualTo("已超过完成时限（2024年12月31日）");
  }

  @Test
  void neverReportedIsAtLeastYellow() {
    Judgement j = LightRule.judge(null, null, false, 2024, W23, W23.sunday());
    assertThat(j.light()).isEqualTo(Light.YELLOW);
    assertThat(j.reasons()).containsExactly("尚无进展报送");
  }

  private static Judgement judge(ReportFact latest) {
    return LightRule.judge(HALF_BY_JUNE, latest, false, 2024, W23, W23.sunday());
  }

  private static ReportFact report(String status, int percent, String period) {
    return new ReportFact(
        1,
        "1.2",
        "platforms",
        "张伟",
        ReportStatus.valueOf(status),
        percent,
        "等待省厅批复",
        null,
        period,
        Instant.parse("2024-06-05T02:00:00Z"),
        false);
  }
}
