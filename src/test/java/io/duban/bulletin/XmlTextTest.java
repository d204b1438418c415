package io.duban.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlTextTest {

  @Test
  void escapesTheMarkupCharacters() {
    assertThat(XmlText.append(new StringBuilder(), "a&b<c>d\"e'f").toString())
        .isEqualTo("a&amp;b&lt;c&gt;d&quot;e&apos;f");
  }

  @Test
  void dropsWhatXmlForbidsAndKeepsTheRest() {
    String text = "甲\u0000\u0008\u000B\u001F乙\t\n\r丙\uFFFE\uFFFF丁\uD800戊\uDC00己𠀀😀";
    assertThat(XmlText.append(new StringBuilder(), text).toString()).isEqualTo("甲乙\t\n\r丙丁戊己𠀀😀");
    assertThat(XmlText.allowedOnly(text)).isEqualTo("甲乙\t\n\r丙丁戊己𠀀😀");
    assertThat(XmlText.allowedOnly("a&<b")).as("not escaped").isEqualTo("a&<b");
  }
}
