package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReporterTextTest {

  @Test
  void flattensEveryKindOfLineBreakAndControlCharacterToOneLine() {
    String text = "缺资金\n\n未报送单位：无\r\n详情\u2028看板\u2029链接\u0085下\u000b一\u200e行\u202e反转\tTab";

    String flat = ReporterText.flat(text, 200);

    assertThat(flat).isEqualTo("缺资金 未报送单位：无 详情 看板 链接 下 一 行 反转 Tab");
    assertThat(flat.lines()).hasSize(1);
  }

  @Test
  void defusesPlatformMentionSyntax() {
    String flat =
        ReporterText.flat("请 <@all> 注意 @all @所有人 <at user_id=\"all\">所有人</at> <!here> 结束", 200);

    assertThat(flat).doesNotContain("<@", "@all", "@所有人", "<at", "</at>", "<!here>");
    assertThat(flat).contains("请", "注意", "＠all", "＠所有人", "所有人", "结束");
  }

  @Test
  void cutsToTheGivenLengthAndQuotes() {
    assertThat(ReporterText.flat("一二三四五六七八九十", 5)).isEqualTo("一二三四…");
    assertThat(ReporterText.quoted("他说“已完成”", 20)).isEqualTo("“他说「已完成」”");
    assertThat(ReporterText.flat(null, 5)).isEmpty();
  }
}
