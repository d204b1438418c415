package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberingTest {

  @Test
  void readsTheMarkersDocumentsUseInTheirAsciiAndFullWidthForms() {
    assertThat(Numbering.at("二、2024年工作计划"))
        .isEqualTo(num(Numbering.Style.CN_COMMA, 2, "2024年工作计划"));
    assertThat(Numbering.at("(三)推动服务业增长")).isEqualTo(num(Numbering.Style.CN_PAREN, 3, "推动服务业增长"));
    assertThat(Numbering.at("（十二）其他")).isEqualTo(num(Numbering.Style.CN_PAREN, 12, "其他"));
    assertThat(Numbering.at("１２．完成验收")).isEqualTo(num(Numbering.Style.DIGIT, 12, "完成验收"));
    assertThat(Numbering.at("3 .着力提升教学质量")).isEqualTo(num(Numbering.Style.DIGIT, 3, "着力提升教学质量"));
    assertThat(Numbering.at("（2）开展送戏下乡")).isEqualTo(num(Numbering.Style.DIGIT_PAREN, 2, "开展送戏下乡"));
    assertThat(Numbering.at("③全年增长15%")).isEqualTo(num(Numbering.Style.CIRCLED, 3, "全年增长15%"));
    assertThat(Numbering.at("四是聚焦人才引育")).isEqualTo(num(Numbering.Style.CN_SHI, 4, "聚焦人才引育"));
    assertThat(Numbering.at("第二，壮大企业")).isEqualTo(num(Numbering.Style.CN_DI, 2, "壮大企业"));
    assertThat(Numbering.at("第二部分 2025年的工作安排"))
        .isEqualTo(num(Numbering.Style.PART, 2, "2025年的工作安排"));
    assertThat(Numbering.at("1.2 加快平台建设")).isEqualTo(num(Numbering.Style.DECIMAL2, 2, "加快平台建设"));
  }

  @Test
  void takesAYearAfterTheNumberAsText() {
    assertThat(Numbering.at("1.2025年工作要点：")).isEqualTo(num(Numbering.Style.DIGIT, 1, "2025年工作要点："));
  }

  @Test
  void leavesRunningTextThatOnlyLooksNumberedAlone() {
    assertThat(Numbering.at("1.5万亩高标准农田全部建成")).isNull();
    assertThat(Numbering.at("第一议题制度全面落实")).isNull();
    assertThat(Numbering.at("2024年，我局将继续努力")).isNull();
    assertThat(Numbering.at("统一是前提")).isNull();
    assertThat(Numbering.at("——2025年1月10日在县人民代表大会上")).isNull();
    assertThat(Numbering.at("一、")).isNull();
  }

  @Test
  void splitsInlinePointsOnlyWhereTheyFollowOneAnother() {
    var split = InlineNumbering.of("抓好培育。一是抓入库；二是抓辅导，三是抓跟踪。", null);
    assertThat(split.head()).isEqualTo("抓好培育。");
    assertThat(split.points()).extracting(Numbering::text).containsExactly("抓入库；", "抓辅导，", "抓跟踪。");

    assertThat(InlineNumbering.of("思想统一是前提，二是说不通的", null).points()).isEmpty();
    assertThat(InlineNumbering.of("推进改革，三是重点", null).points()).isEmpty();
  }

  private static Numbering num(Numbering.Style style, int number, String text) {
    return new Numbering(style, number, text);
  }
}
