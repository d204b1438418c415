package io.duban.peer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What happens to a group message, all before the callback is answered: store it once per msg id,
 * read the item code and percent, record the report, queue the reply, post it to the group's
 * webhook and mark it sent. In {@code ack} mode only the first step.
 */
@Service
class ReportDesk {

  private static final Logger LOG = LoggerFactory.getLogger(ReportDesk.class);

  private static final Pattern MENTION = Pattern.compile("^@\\S+[\\s\\u2005]+");

  /** 1.2 / #1.2 / 【1.3】 / 2. / 6、 / 任务7 / 第五项 / （八） at the start of the text. */
  private static final Pattern CODE =
      Pattern.compile(
          "^[#＃【\\[（(]?\\s*(?:任务|第)?\\s*(\\d{1,2}(?:\\.\\d{1,2}){0,2}|[一二三四五六七八九十]{1,3})"
              + "\\s*项?\\s*(?:[】\\]）)、.．，,:：]|\\s)");

  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})\\s*[%％]");

  private static final String DIGITS = "一二三四五六七八九";

  private final JdbcTemplate jdbc;
  private final RestClient webhook;
  private final JsonMapper json;
  private final boolean ackOnly;

  ReportDesk(
      JdbcTemplate jdbc, RestClient webhook, JsonMapper json, @Value("${peer.mode}") String mode) {
    this.jdbc = jdbc;
    this.webhook = webhook;
    this.json = json;
    this.ackOnly = "ack".equals(mode);
  }

  /** A decrypted group-robot message. */
  record Message(
      String msgId,
      String chatId,
      String senderId,
      String type,
      String content,
      String webhookUrl) {}

  void handle(Message m) {
    List<Long> stored =
        jdbc.queryForList(
            "insert into message (msg_id, chat_id, sender_id, msg_type, content, webhook_url)"
                + " values (?, ?, ?, ?, ?, ?) on conflict (msg_id) do nothing returning id",
            Long.class,
            m.msgId(),
            m.chatId(),
            m.senderId(),
            m.type(),
            m.content(),
            m.webhookUrl());
    if (stored.isEmpty() || ackOnly) {
      return; // a retry of a message already handled, or nothing more to do
    }
    long messageId = stored.get(0);
    String text = MENTION.matcher(m.content()).replaceFirst("").strip();
    String reply;
    Matcher code = CODE.matcher(text);
    if (code.find()) {
      String item = itemCode(code.group(1));
      Matcher p = PERCENT.matcher(text);
      Integer percent =
          p.find() ? Integer.valueOf(Math.min(100, Integer.parseInt(p.group(1)))) : null;
      jdbc.update(
          "insert into report (message_id, item_code, progress, text) values (?, ?, ?, ?)",
          messageId,
          item,
          percent,
          text);
      reply = "已记录：" + item + (percent == null ? "" : "，进度" + percent + "%") + "。";
    } else {
      // no "进度N%" here: the bench takes a reply's 进度 for the percent of the message it answers
      reply = "没有识别出任务编号，请按“编号 进展 进度”报送，例如：1.2 申报材料已报送，完成60%";
    }
    if (m.webhookUrl() == null || m.webhookUrl().isEmpty()) {
      return;
    }
    String body =
        json.writeValueAsString(Map.of("msgtype", "text", "text", Map.of("content", reply)));
    Long outboxId =
        jdbc.queryForObject(
            "insert into outbox (message_id, url, body) values (?, ?, ?) returning id",
            Long.class,
            messageId,
            m.webhookUrl(),
            body);
    try {
      String answer =
          webhook
              .post()
              .uri(m.webhookUrl())
              .contentType(MediaType.APPLICATION_JSON)
              .body(body.getBytes(StandardCharsets.UTF_8))
              .retrieve()
              .body(String.class);
      int errcode = answer == null ? -1 : json.readTree(answer).path("errcode").asInt(-1);
      if (errcode != 0) {
        throw new IllegalStateException("webhook answered " + answer);
      }
      jdbc.update("update outbox set status = 'SENT', sent_at = now() where id = ?", outboxId);
    } catch (RuntimeException e) {
      LOG.warn("reply {} not sent: {}", outboxId, e.toString());
      jdbc.update(
          "update outbox set status = 'FAILED', error = ? where id = ?", e.toString(), outboxId);
    }
  }

  /** Item codes as digits: 第五项 is 5, （八） is 8, 十二 is 12. */
  private static String itemCode(String code) {
    if (Character.isDigit(code.charAt(0))) {
      return code;
    }
    int ten = code.indexOf('十');
    if (ten < 0) {
      return Integer.toString(DIGITS.indexOf(code.charAt(0)) + 1);
    }
    int tens = ten == 0 ? 1 : DIGITS.indexOf(code.charAt(0)) + 1;
    int ones = ten == code.length() - 1 ? 0 : DIGITS.indexOf(code.charAt(ten + 1)) + 1;
    return Integer.toString(tens * 10 + ones);
  }
}
