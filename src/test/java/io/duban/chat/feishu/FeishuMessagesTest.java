package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CallbackJson;
import io.duban.chat.ChatType;
import io.duban.chat.MessageKind;
import io.duban.chat.NewInboundMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeishuMessagesTest {

  static final Instant NOW = Instant.parse("2024-03-01T02:00:00Z");

  static String event(String chatType, String text) {
    return "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"5e3702a84e847582be8db7fb73283c02\","
        + "\"event_type\":\"im.message.receive_v1\",\"create_time\":\"1608725989000\","
        + "\"token\":\"vtoken\",\"app_id\":\"cli_a\",\"tenant_key\":\"t1\"},"
        + "\"event\":{\"sender\":{\"sender_id\":{\"union_id\":\"on_1\",\"user_id\":\"zhaoliu\","
        + "\"open_id\":\"ou_1\"},\"sender_type\":\"user\",\"tenant_key\":\"t1\"},"
        + "\"message\":{\"message_id\":\"om_5ce6d572455d361153b7cb51da133945\","
        + "\"create_time\":\"1609073151345\",\"chat_id\":\"oc_5ce6d572455d361153b7xx51da133945\","
        + "\"chat_type\":\""
        + chatType
        + "\",\"message_type\":\"text\",\"content\":\"{\\\"text\\\":\\\""
        + text
        + "\\\"}\",\"mentions\":[{\"key\":\"@_user_1\",\"id\":{\"open_id\":\"ou_bot\"},"
        + "\"name\":\"督办助手\",\"tenant_key\":\"t1\"},{\"key\":\"@_user_2\","
        + "\"id\":{\"open_id\":\"ou_2\",\"user_id\":\"zhangsan\"},\"name\":\"张三\",\"tenant_key\":\"t1\"}]}}}";
  }

  @Test
  void removesTheBotMentionAndResolvesOthersByName() {
    String plain = event("group", "@_user_1 4.1 已完成，请 @_user_2 审核");

    NewInboundMessage m = FeishuMessages.normalise("fs", CallbackJson.parse(plain), plain, NOW);

    assertThat(m.text()).isEqualTo("4.1 已完成，请 @张三 审核");
    assertThat(m.platformMessageId()).isEqualTo("om_5ce6d572455d361153b7cb51da133945");
    assertThat(m.chatId()).isEqualTo("oc_5ce6d572455d361153b7xx51da133945");
    assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
    assertThat(m.senderId()).isEqualTo("zhaoliu");
    assertThat(m.sentAt()).isEqualTo(Instant.ofEpochMilli(1609073151345L));
  }

  @Test
  void keepsPlainTextOfOneToOneChats() {
    String plain = event("p2p", "5 进度80%");

    NewInboundMessage m = FeishuMessages.normalise("fs", CallbackJson.parse(plain), plain, NOW);

    assertThat(m.chatType()).isEqualTo(ChatType.SINGLE);
    assertThat(m.text()).isEqualTo("5 进度80%");
  }

  @Test
  void storesOtherEventsByEventId() {
    String plain =
        "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"ev1\",\"event_type\":\"im.chat.member.bot.added_v1\","
            + "\"create_time\":\"1608725989000\",\"token\":\"vtoken\"},\"event\":{}}";

    NewInboundMessage m = FeishuMessages.normalise("fs", CallbackJson.parse(plain), plain, NOW);

    assertThat(m.platformMessageId()).isEqualTo("event:ev1");
    assertThat(m.messageType()).isEqualTo(MessageKind.EVENT);
  }
}
