package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkdayCalendarTest {

  private final WorkdayCalendar calendar = WorkdayCalendar.load("classpath:config/holidays/");

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void coversTheThreeNoticedYears() {
    assertThat(calendar.covers(2024)).isTrue();
    assertThat(calendar.covers(2025)).isTrue();
    assertThat(calendar.covers(2026)).isTrue();
    assertThat(calendar.covers(2027)).isFalse();
  }

  @Test
  void springFestival2024IsOffWithSundayMakeUpDaysAround() {
    assertThat(calendar.isWorkday(d("2024-02-04"))).as("Sunday 调休上班").isTrue();
    d("2024-02-10")
        .datesUntil(d("2024-02-18"))
        .forEach(day -> assertThat(calendar.isWorkday(day)).as(day.toString()).isFalse());
    assertThat(calendar.holiday(d("2024-02-12"))).contains("春节");
    assertThat(calendar.isWorkday(d("2024-02-18"))).as("Sunday 调休上班").isTrue();
    assertThat(calendar.isWorkday(d("2024-02-09"))).as("除夕 2024 is a Friday work day").isTrue();
  }

  @Test
  void nationalDay2024AndItsSaturdayMakeUp() {
    d("2024-10-01")
        .datesUntil(d("2024-10-08"))
        .forEach(day -> assertThat(calendar.isWorkday(day)).as(day.toString()).isFalse());
    assertThat(calendar.isWorkday(d("2024-10-08"))).isTrue();
    assertThat(calendar.isWorkday(d("2024-09-29"))).isTrue();
    assertThat(calendar.isWorkday(d("2024-10-12"))).as("Saturday 调休上班").isTrue();
    assertThat(calendar.isWorkday(d("2024-10-13"))).as("ordinary Sunday").isFalse();
  }

  @Test
  void calendar2025MatchesItsNotice() {
    assertThat(calendar.isWorkday(d("2025-01-26"))).as("Sunday 调休上班").isTrue();
    assertThat(calendar.isWorkday(d("2025-01-28"))).isFalse();
    assertThat(calendar.isWorkday(d("2025-02-04"))).isFalse();
    assertThat(calendar.isWorkday(d("2025-02-08"))).as("Saturday 调休上班").isTrue();
    d("2025-10-01")
        .datesUntil(d("2025-10-09"))
        .forEach(day -> assertThat(calendar.isWorkday(day)).as(day.toString()).isFalse());
    assertThat(calendar.isWorkday(d("2025-09-28"))).isTrue();
    assertThat(calendar.isWorkday(d("2025-10-11"))).isTrue();
  }

  @Test
  void calendar2026MatchesItsNotice() {
    assertThat(calendar.isWorkday(d("2026-01-02"))).as("Friday 元旦 off").isFalse();
    assertThat(calendar.isWorkday(d("2026-01-04"))).as("Sunday 调休上班").isTrue();
    assertThat(calendar.isWorkday(d("2026-02-14"))).isTrue();
    assertThat(calendar.isWorkday(d("2026-02-23"))).as("Monday 正月初七 off").isFalse();
    assertThat(calendar.isWorkday(d("2026-02-28"))).isTrue();
    assertThat(calendar.isWorkday(d("2026-05-05"))).isFalse();
    assertThat(calendar.isWorkday(d("2026-05-09"))).isTrue();
    assertThat(calendar.isWorkday(d("2026-06-19"))).isFalse();
    assertThat(calendar.isWorkday(d("2026-09-25"))).isFalse();
    assertThat(calendar.isWorkday(d("2026-09-20"))).isTrue();
    assertThat(calendar.isWorkday(d("2026-10-07"))).isFalse();
    assertThat(calendar.isWorkday(d("2026-10-10"))).isTrue();
  }

  @Test
  void ordinaryWeekendsAndWeekdaysOutsideNoticedYears() {
    assertThat(calendar.isWorkday(d("2027-03-06"))).as("Saturday").isFalse();
    assertThat(calendar.isWorkday(d("2027-03-08"))).as("Monday").isTrue();
  }

  @Test
  void rulesMoveOrSkipAFireOnAHoliday() {
    LocalDate nationalDayThursday = d("2024-10-03");
    assertThat(calendar.shift(nationalDayThursday, WorkdayRule.FIRE_ANY_DAY))
        .contains(nationalDayThursday);
    assertThat(calendar.shift(nationalDayThursday, WorkdayRule.SKIP_NON_WORKDAY)).isEmpty();
    assertThat(calendar.shift(nationalDayThursday, WorkdayRule.PREVIOUS_WORKDAY))
        .contains(d("2024-09-30"));
    assertThat(calendar.shift(nationalDayThursday, WorkdayRule.NEXT_WORKDAY))
        .contains(d("2024-10-08"));
  }

  @Test
  void rulesLeaveAWorkdayAlone() {
    LocalDate makeUpSaturday = d("2024-10-12");
    for (WorkdayRule rule : WorkdayRule.values()) {
      assertThat(calendar.shift(makeUpSaturday, rule)).as(rule.name()).contains(makeUpSaturday);
    }
  }

  @Test
  void previousWorkdayBeforeSpringFestivalLandsOnTheMakeUpSunday() {
    // Monday 2024-02-12 is 春节; the work days before it are Fri 02-09, and before that Sun 02-04.
    assertThat(calendar.shift(d("2024-02-12"), WorkdayRule.PREVIOUS_WORKDAY))
        .contains(d("2024-02-09"));
    assertThat(calendar.shift(d("2024-02-12"), WorkdayRule.NEXT_WORKDAY)).contains(d("2024-02-18"));
  }
}
