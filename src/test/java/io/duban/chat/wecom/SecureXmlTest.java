package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import org.junit.jupiter.api.Test;

class SecureXmlTest {

  @Test
  void readsNestedFieldsOfAGroupRobotMessage() {
    var fields =
        SecureXml.parse(
            "<xml><From><UserId>zhangsan</UserId><Name><![CDATA[张三]]></Name></From>"
                + "<Text><Content><![CDATA[@督办助手 1.2 已报送]]></Content></Text></xml>");

    assertThat(fields.text("From/UserId")).isEqualTo("zhangsan");
    assertThat(fields.text("From/Name")).isEqualTo("张三");
    assertThat(fields.text("Text/Content")).isEqualTo("@督办助手 1.2 已报送");
    assertThat(fields.text("Missing/Field")).isNull();
  }

  @Test
  void refusesExternalEntityWithoutResolvingIt() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<xml><Content>&x;</Content></xml>";

    assertThatThrownBy(() -> SecureXml.parse(xxe))
        .isInstanceOfSatisfying(
            CallbackRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.XML_DOCTYPE))
        .hasMessageNotContaining("root:");
  }

  @Test
  void refusesEntityExpansionBombs() {
    String bomb =
        "<!doctype lolz [<!entity lol \"lol\"><!entity lol2 \"&lol;&lol;&lol;\">]>"
            + "<xml>&lol2;</xml>";

    assertThatThrownBy(() -> SecureXml.parse(bomb))
        .isInstanceOfSatisfying(
            CallbackRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.XML_DOCTYPE));
  }

  @Test
  void refusesMalformedXml() {
    assertThatThrownBy(() -> SecureXml.parse("<xml><Encrypt>abc</xml>"))
        .isInstanceOfSatisfying(
            CallbackRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
  }
}
