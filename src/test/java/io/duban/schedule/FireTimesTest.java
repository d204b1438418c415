package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireTimesTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final FireTimes fireTimes =
      new FireTimes(WorkdayCalendar.load("classpath:config/holidays/"));

  private static Instant at(String localDateTime) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SHANGHAI).toInstant();
  }

  @Test
  void thursdayReminderMovesBeforeNationalDayAndSkipsNothingElse() {
    List<Instant> next =
        fireTimes.next(
            "0 0 15 ? * THU", SHANGHAI, WorkdayRule.PREVIOUS_WORKDAY, at("2024-09-20T00:00"), 5);

    assertThat(next)
        .containsExactly(
            at("2024-09-26T15:00"),
            at("2024-09-30T15:00"), // Thu 10-03 is 国庆: the work day before is Mon 09-30
            at("2024-10-10T15:00"),
            at("2024-10-17T15:00"),
            at("2024-10-24T15:00"));
  }

  @Test
  void mondayDigestOnAHolidayWaitsForTheNextWorkday() {
    List<Instant> next =
        fireTimes.next(
            "0 0 9 ? * MON", SHANGHAI, WorkdayRule.NEXT_WORKDAY, at("2024-09-10T00:00"), 3);

    // Mon 09-16 is 中秋节 (09-15..17 off): the digest goes out on Wed 09-18.
    assertThat(next)
        .containsExactly(at("2024-09-18T09:00"), at("2024-09-23T09:00"), at("2024-09-30T09:00"));
  }

  @Test
  void skipRuleDropsHolidayFiresAndDailyCronKeepsMakeUpSundays() {
    List<Instant> next =
        fireTimes.next(
            "0 30 8 * * ?", SHANGHAI, WorkdayRule.SKIP_NON_WORKDAY, at("2024-02-02T09:00"), 4);

    assertThat(next)
        .containsExactly(
            at("2024-02-04T08:30"), // Sunday 调休上班
            at("2024-02-05T08:30"),
            at("2024-02-06T08:30"),
            at("2024-02-07T08:30"));
  }

  @Test
  void nextWorkdayRuleFoldsAHolidayWeekIntoOneFire() {
    List<Instant> next =
        fireTimes.next(
            "0 0 10 * * ?", SHANGHAI, WorkdayRule.NEXT_WORKDAY, at("2024-10-01T00:00"), 2);

    assertThat(next).containsExactly(at("2024-10-08T10:00"), at("2024-10-09T10:00"));
  }

  @Test
  void aNextWorkdayFireAlreadyDueStillComesAfterTheHolidayStarted() {
    // Asked on Tuesday 2024-10-01 during the holiday: Monday 09-30 fired already; the next is
    // 10-08.
    assertThat(
            fireTimes.nextAfter(
                "0 0 9 ? * MON", SHANGHAI, WorkdayRule.NEXT_WORKDAY, at("2024-10-01T12:00")))
        .contains(at("2024-10-08T09:00"));
  }

  @Test
  void aFrequentCronStillFindsItsNextFires() {
    assertThat(
            fireTimes.next(
                "0/2 * * * * ?", SHANGHAI, WorkdayRule.FIRE_ANY_DAY, at("2024-06-06T10:00:01"), 3))
        .containsExactly(
            at("2024-06-06T10:00:02"), at("2024-06-06T10:00:04"), at("2024-06-06T10:00:06"));
    assertThat(
            fireTimes.next(
                "0 */5 * * * ?", SHANGHAI, WorkdayRule.NEXT_WORKDAY, at("2024-10-05T12:00"), 2))
        .as("during 国庆 every occurrence of the break folds onto the first work day")
        .containsExactly(at("2024-10-08T00:00"), at("2024-10-08T00:05"));
  }

  @Test
  void rejectsAnExpressionThatIsNotQuartzCron() {
    assertThatThrownBy(() -> FireTimes.parse("0 15 * * 4", SHANGHAI))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cron");
  }
}
