package io.duban.chat.dingtalk;

import io.duban.chat.CallbackJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The frames of DingTalk Stream mode, as the official Java SDK writes and reads them (checked in
 * {@code open-dingtalk/dingtalk-stream-sdk-java}: {@code app-stream-protocol/.../ProtocolRequest},
 * {@code ProtocolResponse}, {@code HeaderNames}, {@code CommandType}, {@code system/SystemTopic},
 * {@code callback/CallbackResponsePayload}; {@code app-stream-api/.../open/OpenConnectionRequest},
 * {@code OpenConnectionResponse}, {@code HttpOpenApiClient}, {@code protocol/SystemCommandExecutor}
 * and {@code callback/DingTalkStreamTopics}). A pushed frame is {@code {specVersion, type:
 * SYSTEM|EVENT|CALLBACK, headers: {topic, messageId, contentType, time, ...}, data: "<json>"}}; the
 * answer is {@code {code, message, headers: {messageId, contentType}, data: "<json>"}}.
 */
final class DingTalkStreamFrames {

  /** The topic of robot messages (the SDK's {@code BOT_MESSAGE_TOPIC}). */
  static final String BOT_MESSAGE_TOPIC = "/v1.0/im/bot/messages/get";

  static final String OPEN_PATH = "/v1.0/gateway/connections/open";

  private DingTalkStreamFrames() {}

  /** One frame pushed down the connection. */
  record Pushed(String type, String topic, String messageId, String contentType, String data) {
    static Pushed parse(String text) {
      JsonNode json = CallbackJson.parse(text);
      String contentType = CallbackJson.text(json, "headers", "contentType");
      return new Pushed(
          CallbackJson.text(json, "type"),
          CallbackJson.text(json, "headers", "topic"),
          CallbackJson.text(json, "headers", "messageId"),
          contentType == null ? "application/json" : contentType,
          CallbackJson.text(json, "data"));
    }

    boolean system(String name) {
      return "SYSTEM".equals(type) && name.equals(topic);
    }
  }

  /**
   * The body of {@code POST /v1.0/gateway/connections/open}: robot messages, and the card callbacks
   * ({@link DingTalkCards#CALLBACK_TOPIC}) of a bot that sends 签收 cards.
   */
  static String openRequest(String clientId, String clientSecret, boolean cards) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clientId", clientId);
    body.put("clientSecret", clientSecret);
    List<Map<String, String>> topics = new java.util.ArrayList<>();
    topics.add(Map.of("type", "CALLBACK", "topic", BOT_MESSAGE_TOPIC));
    if (cards) {
      topics.add(Map.of("type", "CALLBACK", "topic", DingTalkCards.CALLBACK_TOPIC));
    }
    body.put("subscriptions", topics);
    body.put("ua", "duban/stream");
    return CallbackJson.write(body);
  }

  /** The SDK's {@code new200Response}: {@code data} is the answer's JSON, as a string. */
  static String ok(Pushed pushed, String data) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("code", 200);
    answer.put("headers", headers(pushed, pushed.contentType()));
    answer.put("message", "OK");
    answer.put("data", data);
    return CallbackJson.write(answer);
  }

  /** The SDK's {@code newErrorResponse}: DingTalk counts the message failed (and retries it). */
  static String error(Pushed pushed, int code, String message) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("code", code);
    answer.put("headers", headers(pushed, "application/json"));
    answer.put("message", message);
    answer.put("data", null);
    return CallbackJson.write(answer);
  }

  /** The answer to a robot message: the SDK's {@code CallbackResponsePayload}, no reply inline. */
  static String callbackAnswer() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("response", null);
    return CallbackJson.write(payload);
  }

  /** The answer to a card callback: nothing to change on the card here (the update follows). */
  static String cardAnswer() {
    return "{}";
  }

  private static Map<String, String> headers(Pushed pushed, String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("messageId", pushed.messageId() == null ? "" : pushed.messageId());
    headers.put("contentType", contentType);
    return headers;
  }
}
