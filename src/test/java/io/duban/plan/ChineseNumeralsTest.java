package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseNumeralsTest {

  @Test
  void readsAndWritesOneToNinetyNine() {
    for (int i = 1; i < 100; i++) {
      assertThat(ChineseNumerals.parse(ChineseNumerals.format(i))).isEqualTo(i);
    }
    assertThat(ChineseNumerals.parse("八")).isEqualTo(8);
    assertThat(ChineseNumerals.parse("十二")).isEqualTo(12);
    assertThat(ChineseNumerals.parse("二十")).isEqualTo(20);
  }

  @Test
  void refusesWhatIsNotANumeral() {
    assertThat(ChineseNumerals.parse("")).isEqualTo(-1);
    assertThat(ChineseNumerals.parse("十十")).isEqualTo(-1);
    assertThat(ChineseNumerals.parse("零")).isEqualTo(-1);
    assertThat(ChineseNumerals.parse("一二")).isEqualTo(-1);
  }
}
