package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.ChatType;
import io.duban.chat.NewInboundMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DingTalkMessagesTest {

  static final String ROBOT_MESSAGE =
      "{\"conversationId\":\"cidqO7Ne8e+ZfEG1ZEyI1GCpA==\",\"atUsers\":[{\"dingtalkId\":\"$:LWCP_v1:$x\"}],"
          + "\"chatbotCorpId\":\"dinge8a565a0e2\",\"chatbotUserId\":\"$:LWCP_v1:$bot\","
          + "\"msgId\":\"msgBqG4sF9aPnuKtQBaWQlPcw==\",\"senderNick\":\"张三\",\"isAdmin\":true,"
          + "\"senderStaffId\":\"manager1234\",\"sessionWebhookExpiredTime\":1613635652738,"
          + "\"createAt\":1613630252678,\"senderCorpId\":\"dinge8a565a0e2\",\"conversationType\":\"2\","
          + "\"senderId\":\"$:LWCP_v1:$sender\",\"conversationTitle\":\"督办群\",\"isInAtList\":true,"
          + "\"sessionWebhook\":\"https://oapi.dingtalk.com/robot/sendBySession?session=abc\","
          + "\"text\":{\"content\":\" 6 已完成\"},\"robotCode\":\"dingrobot\",\"msgtype\":\"text\"}";

  @Test
  void keepsTheSessionWebhookAndItsExpiry() {
    NewInboundMessage m = DingTalkMessages.robot("dt", ROBOT_MESSAGE, Instant.EPOCH);

    assertThat(m.platformMessageId()).isEqualTo("msgBqG4sF9aPnuKtQBaWQlPcw==");
    assertThat(m.chatId()).isEqualTo("cidqO7Ne8e+ZfEG1ZEyI1GCpA==");
    assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
    assertThat(m.senderId()).isEqualTo("manager1234");
    assertThat(m.senderName()).isEqualTo("张三");
    assertThat(m.text()).isEqualTo("6 已完成");
    assertThat(m.sentAt()).isEqualTo(Instant.ofEpochMilli(1613630252678L));
    assertThat(m.replyUrl()).isEqualTo("https://oapi.dingtalk.com/robot/sendBySession?session=abc");
    assertThat(m.replyUrlExpiresAt()).isEqualTo(Instant.ofEpochMilli(1613635652738L));
  }
}
