package io.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ChineseDatesTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

  @Test
  void writesWeeksWithTheirDaysAndTheYearOnlyWhenAnother() {
    assertThat(ChineseDates.week(LocalDate.of(2026, 12, 2), TODAY)).isEqualTo("第49周（11月30日—12月6日）");
    assertThat(ChineseDates.week(LocalDate.of(2024, 12, 8), TODAY))
        .isEqualTo("2024年第49周（12月2日—12月8日）");
    // ISO week 1 of 2027 starts on 2027-01-04; 2026-12-31 is in week 53 of 2026
    assertThat(ChineseDates.week(LocalDate.of(2026, 12, 31), TODAY)).isEqualTo("第53周（12月28日—1月3日）");
    assertThat(ChineseDates.shortWeek(LocalDate.of(2024, 6, 5), TODAY)).isEqualTo("2024年第23周");
  }

  @Test
  void writesDatesWithTheYearWhenNotTheCurrentOne() {
    assertThat(ChineseDates.date(LocalDate.of(2026, 12, 31), TODAY)).isEqualTo("12月31日");
    assertThat(ChineseDates.date(LocalDate.of(2027, 1, 5), TODAY)).isEqualTo("2027年1月5日");
    assertThat(ChineseDates.fullDate(LocalDate.of(2026, 1, 5))).isEqualTo("2026年1月5日");
    assertThat(
            ChineseDates.dateTime(
                Instant.parse("2024-06-05T01:30:00Z"), ZoneId.of("Asia/Shanghai"), TODAY))
        .isEqualTo("2024年6月5日 09:30");
  }

  @Test
  void asOfIsNeverAFutureDay() {
    assertThat(ChineseDates.asOf(LocalDate.of(2026, 12, 6), TODAY)).isEqualTo(TODAY);
    assertThat(ChineseDates.asOf(LocalDate.of(2026, 11, 29), TODAY))
        .isEqualTo(LocalDate.of(2026, 11, 29));
  }
}
