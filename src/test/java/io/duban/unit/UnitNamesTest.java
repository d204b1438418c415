package io.duban.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit names as documents write them, matched to known units without guessing. */
class UnitNamesTest {

  private final UnitNames names =
      new UnitNames(
          List.of(
              new Unit("kjj", "科技局", UnitKind.DEPARTMENT),
              new Unit("office", "局办公室", UnitKind.DEPARTMENT),
              new Unit("city-edu", "市教育局", UnitKind.DEPARTMENT),
              new Unit("district-edu", "区教育局", UnitKind.DEPARTMENT),
              new Unit("scjg", "市市场监督管理局", UnitKind.DEPARTMENT),
              new Unit("center", "科技服务中心", UnitKind.INSTITUTION)));

  @Test
  void matchesExactNamesAndCodes() {
    assertThat(names.match("科技局").unit()).isEqualTo("kjj");
    assertThat(names.match("kjj").how()).isEqualTo(UnitNames.How.EXACT);
  }

  @Test
  void matchesWidthSpacePrefixAndShortFormVariants() {
    assertThat(names.match("市科技局").unit()).isEqualTo("kjj");
    assertThat(names.match("市科学技术局").unit()).isEqualTo("kjj");
    assertThat(names.match("办公室").unit()).isEqualTo("office");
    assertThat(names.match("科技服务　中心").unit()).isEqualTo("center");
    assertThat(names.match("市场监管局").unit()).isEqualTo("scjg");
    assertThat(names.match("市科技局").how()).isEqualTo(UnitNames.How.NORMALISED);
  }

  @Test
  void neverPicksOneOfSeveralOrAnotherLevelsUnit() {
    UnitNames.Match education = names.match("教育局");
    assertThat(education.unit()).isNull();
    assertThat(education.how()).isEqualTo(UnitNames.How.AMBIGUOUS);
    assertThat(education.candidates()).containsExactly("city-edu", "district-edu");
    assertThat(names.match("县教育局").unit()).as("another level's bureau").isNull();
    assertThat(names.match("区科技局").unit()).isEqualTo("kjj");
    assertThat(names.match("财政局").how()).isEqualTo(UnitNames.How.UNKNOWN);
  }

  @Test
  void readsDeadlinesAsTheLastDayTheyAllow() {
    assertThat(DeadlineText.read("2025年9月底", 2025)).contains(LocalDate.of(2025, 9, 30));
    assertThat(DeadlineText.read("6月30日前", 2025)).contains(LocalDate.of(2025, 6, 30));
    assertThat(DeadlineText.read("2025-11-15", 2025)).contains(LocalDate.of(2025, 11, 15));
    assertThat(DeadlineText.read("年底前", 2025)).contains(LocalDate.of(2025, 12, 31));
    assertThat(DeadlineText.read("全年", 2025)).contains(LocalDate.of(2025, 12, 31));
    assertThat(DeadlineText.read("上半年", 2025)).contains(LocalDate.of(2025, 6, 30));
    assertThat(DeadlineText.read("三季度", 2025)).contains(LocalDate.of(2025, 9, 30));
    assertThat(DeadlineText.read("3月底前启动，10月底前完成", 2025)).contains(LocalDate.of(2025, 10, 31));
    assertThat(DeadlineText.read("长期坚持", 2025)).isEmpty();
  }
}
