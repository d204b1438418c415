package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Due dates as people type them, from a Wednesday in December 2026. */
class DueDatesTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

  private static LocalDate read(String text) {
    return DueDates.find(text, TODAY).map(DueDates.Found::date).orElse(null);
  }

  @Test
  void readsTheFormsPeopleType() {
    assertThat(read("12月15日前")).isEqualTo(LocalDate.of(2026, 12, 15));
    assertThat(read("至1月15日"))
        .as("a month already past is next year's")
        .isEqualTo(LocalDate.of(2027, 1, 15));
    assertThat(read("2027年1月15日")).isEqualTo(LocalDate.of(2027, 1, 15));
    assertThat(read("2027-03-01之前")).isEqualTo(LocalDate.of(2027, 3, 1));
    assertThat(read("下周五")).isEqualTo(LocalDate.of(2026, 12, 11));
    assertThat(read("本周五")).isEqualTo(LocalDate.of(2026, 12, 4));
    assertThat(read("周一前"))
        .as("a bare weekday already past is next week's")
        .isEqualTo(LocalDate.of(2026, 12, 7));
    assertThat(read("明天")).isEqualTo(LocalDate.of(2026, 12, 3));
    assertThat(read("月底前")).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(read("3月底")).isEqualTo(LocalDate.of(2027, 3, 31));
    assertThat(read("年底前")).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(read("10日内")).isEqualTo(LocalDate.of(2026, 12, 12));
  }

  @Test
  void leavesWordsThatAreNoDate() {
    assertThat(read("报送2025年工作计划初稿")).isNull();
    assertThat(read("13月40日")).isNull();
    assertThat(read("进度60%")).isNull();
  }

  @Test
  void aTaskOrderSplitsUnitsDateAndWorkInEitherOrder() {
    Set<String> units = Set.of("规划与法规科", "办公室");
    TaskOrder first = TaskOrder.read("规划与法规科 12月15日前 报送2025年工作计划初稿", TODAY, units::contains);
    assertThat(first.lead()).isEqualTo("规划与法规科");
    assertThat(first.due()).isEqualTo(LocalDate.of(2026, 12, 15));
    assertThat(first.content()).isEqualTo("报送2025年工作计划初稿");

    TaskOrder second = TaskOrder.read("12月20日前 规划与法规科牵头、办公室配合，梳理政策文件，形成清单", TODAY, units::contains);
    assertThat(second.lead()).isEqualTo("规划与法规科");
    assertThat(second.supports()).containsExactly("办公室");
    assertThat(second.content()).isEqualTo("梳理政策文件，形成清单");

    TaskOrder third = TaskOrder.read("办公室 起草督查通报 下周五前", TODAY, units::contains);
    assertThat(third.lead()).isEqualTo("办公室");
    assertThat(third.due()).isEqualTo(LocalDate.of(2026, 12, 11));
    assertThat(third.content()).isEqualTo("起草督查通报");
  }
}
