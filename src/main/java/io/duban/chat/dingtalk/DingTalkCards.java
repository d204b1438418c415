package io.duban.chat.dingtalk;

import io.duban.chat.CallbackJson;
import io.duban.chat.CardActions;
import io.duban.chat.ChatType;
import io.duban.chat.MessageKind;
import io.duban.chat.NewInboundMessage;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DingTalk 互动卡片 for 签收 notices, on the card template the admin made (see {@link
 * io.duban.chat.ChatProperties.DingTalkBot#acknowledgeCardTemplate()}): the body of {@code POST
 * /v1.0/card/instances/createAndDeliver} into a group, the body of {@code PUT /v1.0/card/instances}
 * that shows it 已签收, and the press read back from the card callback ({@code
 * /v1.0/card/instances/callback}, by Stream or HTTP).
 *
 * <p>The template's string variables: {@code title}, {@code content} (the notice), {@code status}
 * (待签收, then who 签收 when) and {@code action}; its 签收 button sends the callback parameters {@code
 * action} and {@code chat} (the variables of the same names) back.
 */
final class DingTalkCards {

  /** The Stream topic of card callbacks. */
  static final String CALLBACK_TOPIC = "/v1.0/card/instances/callback";

  static final String CREATE_AND_DELIVER = "/v1.0/card/instances/createAndDeliver";
  static final String UPDATE = "/v1.0/card/instances";

  private DingTalkCards() {}

  /**
   * The card of {@code message} (which has a button) for the group {@code chatId}: its {@code
   * outTrackId} is the button's card id, so a press names the card it came from; callbacks by
   * Stream.
   */
  static ObjectNode deliver(
      ObjectNode body, String template, String robotCode, String chatId, OutboundMessage message) {
    OutboundMessage.Button button = message.button();
    body.put("cardTemplateId", template)
        .put("outTrackId", button.cardId())
        .put("callbackType", "STREAM")
        .put("openSpaceId", "dtv1.card//IM_GROUP." + chatId);
    ObjectNode params = body.putObject("cardData").putObject("cardParamMap");
    params
        .put("title", message.title().isEmpty() ? "督办助手" : message.title())
        .put("content", message.text())
        .put("status", "待" + button.label())
        .put("action", button.action())
        .put("chat", chatId);
    body.putObject("imGroupOpenSpaceModel").put("supportForward", false);
    body.putObject("imGroupOpenDeliverModel").put("robotCode", robotCode);
    return body;
  }

  /**
   * The update of card {@code outTrackId} to show {@code message} (its title as the status): the
   * action is emptied, so the template shows no button to press again.
   */
  static ObjectNode update(ObjectNode body, String outTrackId, OutboundMessage message) {
    body.put("outTrackId", outTrackId);
    body.putObject("cardData")
        .putObject("cardParamMap")
        .put("status", message.title())
        .put("content", message.text())
        .put("action", "");
    body.putObject("cardUpdateOptions").put("updateCardDataByKey", true);
    return body;
  }

  /** Whether {@code bot} sends 签收 cards: an app (API credentials) with the admin's template. */
  static boolean sends(io.duban.chat.ChatProperties.DingTalkBot bot) {
    return bot.appKey() != null
        && bot.appSecret() != null
        && bot.acknowledgeCardTemplate() != null
        && !bot.acknowledgeCardTemplate().isBlank();
  }

  /** Whether {@code answer} of createAndDeliver says the card reached the group. */
  static boolean delivered(JsonNode answer) {
    JsonNode results = answer.path("result").path("deliverResults");
    if (!answer.path("success").asBoolean(false)) {
      return false;
    }
    for (JsonNode r : results) {
      if (!r.path("success").asBoolean(false)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A card callback as the 签收 command its button stands for, from the presser in the card's group;
   * null when it is none of ours (another action, or no card, presser or group named). Keyed by
   * card, presser and action, so pressing again (or the platform's retry) stores nothing new.
   */
  static NewInboundMessage pressed(String botId, String body, Instant now) {
    JsonNode json = CallbackJson.parse(body);
    String outTrackId = CallbackJson.text(json, "outTrackId");
    String userId = CallbackJson.text(json, "userId");
    String content = CallbackJson.text(json, "content");
    JsonNode params =
        content == null || content.isBlank()
            ? json.path("missing")
            : CallbackJson.parse(content).path("cardPrivateData").path("params");
    String action = CallbackJson.text(params, "action");
    Optional<String> command = CardActions.command(action);
    String chatId = CallbackJson.text(params, "chat");
    if (blank(chatId) && "IM_GROUP".equals(CallbackJson.text(json, "spaceType"))) {
      chatId = CallbackJson.text(json, "spaceId");
    }
    if (command.isEmpty() || blank(outTrackId) || blank(userId) || blank(chatId)) {
      return null;
    }
    return new NewInboundMessage(
        Platform.DINGTALK,
        botId,
        CardActions.pressId(outTrackId, userId, action.strip()),
        chatId,
        ChatType.GROUP,
        userId,
        null,
        MessageKind.ACTION,
        command.get(),
        now,
        null,
        null,
        body,
        CallbackJson.text(json, "corpId"));
  }

  /** The card a stored press came from: its {@code outTrackId}. */
  static Optional<String> outTrackId(String rawPayload) {
    if (rawPayload == null || !rawPayload.stripLeading().startsWith("{")) {
      return Optional.empty();
    }
    String id = CallbackJson.text(CallbackJson.parse(rawPayload), "outTrackId");
    return blank(id) ? Optional.empty() : Optional.of(id.strip());
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
