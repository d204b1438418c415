package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CallbackCipher;
import io.duban.chat.ChatProperties.WeComKind;
import io.duban.chat.ChatType;
import io.duban.chat.MessageKind;
import io.duban.chat.NewInboundMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WeComMessagesTest {

  static final Instant NOW = Instant.parse("2024-03-01T02:00:00Z");

  @Test
  void normalisesTheOfficialAppMessageSample() {
    String plain =
        new CallbackCipher(WeComSamples.TOKEN, WeComSamples.AES_KEY, WeComSamples.CORP_ID)
            .decrypt(WeComSamples.W_A2_ENCRYPT);

    NewInboundMessage m = WeComMessages.normalise(WeComKind.APP, "app", plain, NOW);

    assertThat(m.platformMessageId()).isEqualTo("4561255354251345929");
    assertThat(m.senderId()).isEqualTo("mycreate");
    assertThat(m.chatId()).isEqualTo("mycreate");
    assertThat(m.chatType()).isEqualTo(ChatType.SINGLE);
    assertThat(m.messageType()).isEqualTo(MessageKind.TEXT);
    assertThat(m.text()).isEqualTo("hello");
    assertThat(m.sentAt()).isEqualTo(Instant.ofEpochSecond(1409659813));
    assertThat(m.rawPayload()).isEqualTo(plain);
  }

  @Test
  void normalisesAGroupRobotMessageWithoutTheRobotMention() {
    String plain =
        "<xml><WebhookUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1]]></WebhookUrl>"
            + "<ChatId><![CDATA[wrkSFfCgAAxxxx]]></ChatId><From><UserId><![CDATA[zhangsan]]></UserId>"
            + "<Name><![CDATA[张三]]></Name></From><MsgType><![CDATA[text]]></MsgType>"
            + "<Text><Content><![CDATA[@督办助手\u20051.2 药创院申报材料已报送，进度60%]]></Content></Text>"
            + "<MsgId><![CDATA[abcdef123]]></MsgId><ChatType>group</ChatType></xml>";

    NewInboundMessage m = WeComMessages.normalise(WeComKind.GROUP_ROBOT, "robot", plain, NOW);

    assertThat(m.platformMessageId()).isEqualTo("abcdef123");
    assertThat(m.chatId()).isEqualTo("wrkSFfCgAAxxxx");
    assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
    assertThat(m.senderId()).isEqualTo("zhangsan");
    assertThat(m.senderName()).isEqualTo("张三");
    assertThat(m.text()).isEqualTo("1.2 药创院申报材料已报送，进度60%");
    assertThat(m.replyUrl()).isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1");
    assertThat(m.sentAt()).isEqualTo(NOW);
  }

  @Test
  void storesAGroupRobotImageAsImageWithoutText() {
    String plain =
        "<xml><ChatId>wrk1</ChatId><From><UserId>lisi</UserId></From><MsgType>image</MsgType>"
            + "<Image><ImageUrl>https://example.invalid/a.png</ImageUrl></Image><MsgId>img1</MsgId>"
            + "<ChatType>group</ChatType></xml>";

    NewInboundMessage m = WeComMessages.normalise(WeComKind.GROUP_ROBOT, "robot", plain, NOW);

    assertThat(m.messageType()).isEqualTo(MessageKind.IMAGE);
    assertThat(m.text()).isEmpty();
  }

  @Test
  void normalisesASmartBotJsonMessage() {
    String plain =
        "{\"msgid\":\"m-1\",\"aibotid\":\"aib1\",\"chatid\":\"wrc1\",\"chattype\":\"group\","
            + "\"from\":{\"userid\":\"wangwu\"},\"response_url\":\"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=x\","
            + "\"msgtype\":\"text\",\"text\":{\"content\":\"@督办助手 3 已完成\"}}";

    NewInboundMessage m = WeComMessages.normalise(WeComKind.SMART_BOT, "smart", plain, NOW);

    assertThat(m.platformMessageId()).isEqualTo("m-1");
    assertThat(m.chatId()).isEqualTo("wrc1");
    assertThat(m.senderId()).isEqualTo("wangwu");
    assertThat(m.text()).isEqualTo("3 已完成");
    assertThat(m.replyUrl()).startsWith("https://qyapi.weixin.qq.com/cgi-bin/aibot/response");
  }

  @Test
  void keepsTheTextPartsOfASmartBotMixedMessage() {
    String plain =
        "{\"msgid\":\"m-2\",\"chatid\":\"wrc1\",\"chattype\":\"group\",\"from\":{\"userid\":\"wangwu\"},"
            + "\"msgtype\":\"mixed\",\"mixed\":{\"msg_item\":[{\"msgtype\":\"text\","
            + "\"text\":{\"content\":\"@督办助手 7 进度50%，附现场照片\"}},{\"msgtype\":\"image\","
            + "\"image\":{\"url\":\"https://example.invalid/p.jpg\"}}]}}";

    NewInboundMessage m = WeComMessages.normalise(WeComKind.SMART_BOT, "smart", plain, NOW);

    assertThat(m.messageType()).isEqualTo(MessageKind.MIXED);
    assertThat(m.text()).isEqualTo("7 进度50%，附现场照片");
  }

  @Test
  void givesAppEventsAStableIdFromSenderAndTime() {
    String plain =
        "<xml><ToUserName>wx5823bf96d3bd56c7</ToUserName><FromUserName>zhangsan</FromUserName>"
            + "<CreateTime>1409659813</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event></xml>";

    NewInboundMessage m = WeComMessages.normalise(WeComKind.APP, "app", plain, NOW);

    assertThat(m.platformMessageId()).isEqualTo("event:zhangsan:1409659813:enter_agent");
    assertThat(m.messageType()).isEqualTo(MessageKind.EVENT);
  }
}
