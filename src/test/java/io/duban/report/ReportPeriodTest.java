package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.system.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void countsTheWeekInShanghaiNotInUtc() {
    // Sunday 2024-06-09 23:30 UTC is already Monday 2024-06-10 in Shanghai: the next week.
    assertThat(ReportPeriod.of(Instant.parse("2024-06-09T15:00:00Z"), SHANGHAI))
        .isEqualTo("2024-W23");
    assertThat(ReportPeriod.of(Instant.parse("2024-06-09T16:30:00Z"), SHANGHAI))
        .isEqualTo("2024-W24");
  }

  @Test
  void usesTheIsoWeekYearAroundNewYear() {
    assertThat(ReportPeriod.of(LocalDate.of(2024, 12, 30))).isEqualTo("2025-W01");
    assertThat(ReportPeriod.of(LocalDate.of(2021, 1, 3))).isEqualTo("2020-W53");
  }

  @Test
  void findsTheMondayOfAWeekAndRefusesMalformedOnes() {
    assertThat(ReportPeriod.monday("2024-W23")).isEqualTo(LocalDate.of(2024, 6, 3));
    assertThatThrownBy(() -> ReportPeriod.monday("2024-23")).isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> ReportPeriod.monday("2024-W53")).isInstanceOf(DomainException.class);
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
