package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.system.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportWeekTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void countsTheWeekInShanghaiNotInUtc() {
    // Sunday 2024-06-09 23:30 UTC is already Monday 2024-06-10 in Shanghai: the next week.
    assertThat(ReportWeek.of(Instant.parse("2024-06-09T15:00:00Z"), SHANGHAI))
        .hasToString("2024-W23");
    assertThat(ReportWeek.of(Instant.parse("2024-06-09T16:30:00Z"), SHANGHAI))
        .hasToString("2024-W24");
    assertThat(ReportWeek.parse("2024-W23").end(SHANGHAI))
        .isEqualTo(Instant.parse("2024-06-09T16:00:00Z"));
  }

  @Test
  void usesTheIsoWeekYearAroundNewYear() {
    assertThat(ReportWeek.of(LocalDate.of(2024, 12, 30))).hasToString("2025-W01");
    assertThat(ReportWeek.of(LocalDate.of(2021, 1, 3))).hasToString("2020-W53");
    assertThat(ReportWeek.parse("2025-W01").label()).isEqualTo("2025年第1周");
  }

  @Test
  void findsTheMondayOfAWeekAndRefusesMalformedOnes() {
    assertThat(ReportWeek.parse("2024-W23").monday()).isEqualTo(LocalDate.of(2024, 6, 3));
    assertThatThrownBy(() -> ReportWeek.parse("2024-23")).isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> ReportWeek.parse("2024-W53")).isInstanceOf(DomainException.class);
  }

  @Test
  void readsWhatPeopleTypeAsTheStoredForm() {
    assertThat(ReportWeek.parse(" 2024-W5 ")).hasToString("2024-W05");
    assertThat(ReportWeek.parse("2020-W53").next()).hasToString("2021-W01");
    assertThat(ReportWeek.parse("2021-W01").previous()).hasToString("2020-W53");
    assertThat(ReportWeek.parse("2024-W23").weeksSince(ReportWeek.parse("2024-W20"))).isEqualTo(3);
  }

  @Test
  void readsChineseNumerals() {
    assertThat(ChineseNumber.parse("七")).isEqualTo(7);
    assertThat(ChineseNumber.parse("十")).isEqualTo(10);
    assertThat(ChineseNumber.parse("五十")).isEqualTo(50);
    assertThat(ChineseNumber.parse("七十五")).isEqualTo(75);
    assertThat(ChineseNumber.parse("百")).isEqualTo(100);
    assertThat(ChineseNumber.parse("60")).isEqualTo(60);
    assertThat(ChineseNumber.parse("七成")).isEqualTo(-1);
  }
}
