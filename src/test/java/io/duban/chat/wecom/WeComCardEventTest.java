package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.ChatProperties.WeComKind;
import io.duban.chat.ChatType;
import io.duban.chat.MessageKind;
import io.duban.chat.NewInboundMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An app's {@code template_card_event}, as doc 90240 (模板卡片事件推送) shows it. */
class WeComCardEventTest {

  /** The doc's sample, as reproduced in several SDKs' tests (a text_notice card's menu key). */
  static final String DOC_SAMPLE =
      "<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[FromUser]]>"
          + "</FromUserName><CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType>"
          + "<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[key111]]></EventKey>"
          + "<TaskId><![CDATA[taskid111]]></TaskId><CardType><![CDATA[text_notice]]></CardType>"
          + "<ResponseCode><![CDATA[ResponseCode]]></ResponseCode><AgentID>1</AgentID>"
          + "<SelectedItems><SelectedItem><QuestionKey><![CDATA[QuestionKey1]]></QuestionKey>"
          + "<OptionIds><OptionId><![CDATA[OptionId1]]></OptionId></OptionIds></SelectedItem>"
          + "</SelectedItems></xml>";

  @Test
  void theDocSampleIsAnEventNotACommand() {
    NewInboundMessage m = WeComMessages.normalise(WeComKind.APP, "app", DOC_SAMPLE, Instant.EPOCH);
    assertThat(m.messageType()).isEqualTo(MessageKind.EVENT);
    assertThat(m.text()).isEmpty();
  }

  @Test
  void ourButtonIsTheCommandFromThePresserKeyedByCardAndPerson() {
    String pressed =
        DOC_SAMPLE.replace("key111", "ack:J2026-001").replace("text_notice", "button_interaction");
    NewInboundMessage m = WeComMessages.normalise(WeComKind.APP, "app", pressed, Instant.EPOCH);
    assertThat(m.messageType()).isEqualTo(MessageKind.ACTION);
    assertThat(m.text()).isEqualTo("签收 J2026-001");
    assertThat(m.senderId()).isEqualTo("FromUser");
    assertThat(m.chatType()).isEqualTo(ChatType.SINGLE);
    assertThat(m.senderCorp()).isEqualTo("toUser");
    assertThat(m.platformMessageId()).isEqualTo("card:taskid111:FromUser:ack:J2026-001");
    assertThat(m.sentAt()).isEqualTo(Instant.ofEpochSecond(123456789));
  }
}
