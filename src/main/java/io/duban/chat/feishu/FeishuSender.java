package io.duban.chat.feishu;

import io.duban.chat.AccessTokens;
import io.duban.chat.BotSender;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.FeishuBot;
import io.duban.chat.Destination;
import io.duban.chat.MediaRef;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.PlatformAnswers;
import io.duban.chat.PlatformHttp;
import io.duban.chat.PlatformProfile;
import io.duban.chat.RateLimit;
import io.duban.chat.SendFailure;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Feishu / Lark: custom bot webhook ({@code bot/v2/hook}, signed) and {@code im/v1/messages} with a
 * cached {@code tenant_access_token}. An image goes through the app only: uploaded to {@code
 * im/v1/images} at each send, then sent by its {@code image_key}; custom bots cannot upload. A bot
 * takes 100 messages a minute and 5 a second.
 */
@Component
record FeishuSender(ChatProperties chat, PlatformHttp http, AccessTokens tokens, Clock clock)
    implements BotSender<FeishuBot> {

  /** Webhook frequency limit (11232), API rate limit (99991400). */
  private static final PlatformAnswers ANSWERS =
      new PlatformAnswers("Feishu", "code", "msg", Set.of(11232, 99991400));

  /** Tenant token invalid (99991663) or expired (99991661, 99991668). */
  private static final Set<Integer> TOKEN_EXPIRED = Set.of(99991661, 99991663, 99991668);

  /**
   * A bot takes 100 messages a minute and 5 a second. The webhook body is capped at 20 KB; 8192
   * leaves room for the JSON envelope and escaping.
   */
  @Override
  public PlatformProfile profile() {
    return new PlatformProfile(Platform.FEISHU, "Feishu", 8192, 8192, new RateLimit(100, 5));
  }

  @Override
  public Mono<Void> send(Destination destination, OutboundMessage message) {
    boolean viaApi =
        destination.channel() == Destination.Channel.CHAT
            || destination.channel() == Destination.Channel.USER;
    if (message.format() == OutboundMessage.Format.IMAGE && !viaApi) {
      return Mono.error(
          SendFailure.permanent(
              "Feishu custom bots cannot upload images; send the image to a chat id through the"
                  + " app, or a link"));
    }
    if (message.format() == OutboundMessage.Format.FILE) {
      return Mono.error(SendFailure.permanent("Duban sends Feishu no files; send a link"));
    }
    return BotSender.super.send(destination, message);
  }

  @Override
  public Mono<Void> webhook(FeishuBot bot, OutboundMessage message) {
    if (bot.webhookToken() == null) {
      return ANSWERS.missing(bot.id(), "webhook");
    }
    return http.post(
            bot.apiBaseUrl() + "/open-apis/bot/v2/hook/" + bot.webhookToken(),
            Map.of(),
            http.write(webhookBody(bot, message)))
        .flatMap(r -> check(r, "webhook send"));
  }

  /** A reply URL takes the custom bot's body, signed with the bot's secret. */
  @Override
  public Mono<Void> reply(
      Optional<FeishuBot> bot, Destination destination, OutboundMessage message) {
    return known(bot, destination.botId())
        .flatMap(
            b -> http.post(destination.target(), Map.of(), http.write(webhookBody(b, message))))
        .flatMap(r -> check(r, "reply"));
  }

  @Override
  public Mono<Void> toChat(FeishuBot bot, String chatId, OutboundMessage message) {
    return sendByApi(bot, "chat_id", chatId, message);
  }

  @Override
  public Mono<Void> toUsers(FeishuBot bot, String userIds, OutboundMessage message) {
    return sendByApi(bot, "open_id", userIds, message);
  }

  private ObjectNode webhookBody(FeishuBot bot, OutboundMessage message) {
    ObjectNode body = http.object();
    if (bot.webhookSecret() != null && !bot.webhookSecret().isEmpty()) {
      long timestamp = clock.instant().getEpochSecond();
      body.put("timestamp", Long.toString(timestamp));
      body.put("sign", FeishuCrypto.customBotSign(bot.webhookSecret(), timestamp));
    }
    if (message.format() == OutboundMessage.Format.MARKDOWN) {
      body.put("msg_type", "interactive");
      body.set("card", card(message));
    } else {
      body.put("msg_type", "text");
      // The custom bot takes content as a JSON object, unlike the OpenAPI's JSON string.
      body.putObject("content").put("text", withMentions(message));
    }
    return body;
  }

  private ObjectNode card(OutboundMessage message) {
    ObjectNode card = http.object();
    if (!message.title().isEmpty()) {
      card.putObject("header")
          .putObject("title")
          .put("tag", "plain_text")
          .put("content", message.title());
    }
    ArrayNode elements = card.putArray("elements");
    elements.addObject().put("tag", "markdown").put("content", withMentions(message));
    return card;
  }

  /**
   * A card whose button comes back to the app's callback as {@code card.action.trigger} with the
   * button's {@code value} (card JSON 1.0: a {@code div} of plain text, so nothing typed renders as
   * markdown, then an {@code action} module with one {@code button}); shared ({@code
   * update_multi}), so the app may update it for everyone once it is pressed.
   */
  private ObjectNode buttonCard(OutboundMessage message) {
    ObjectNode card = plainCard(message);
    ObjectNode button =
        ((ArrayNode) card.get("elements"))
            .addObject()
            .put("tag", "action")
            .putArray("actions")
            .addObject();
    button.put("tag", "button").put("type", "primary");
    button.putObject("text").put("tag", "plain_text").put("content", message.button().label());
    button.putObject("value").put("action", message.button().action());
    return card;
  }

  /** A shared card of the message's title and its text as plain text, no markdown rendered. */
  private ObjectNode plainCard(OutboundMessage message) {
    ObjectNode card = http.object();
    card.putObject("config").put("wide_screen_mode", true).put("update_multi", true);
    if (!message.title().isEmpty()) {
      card.putObject("header")
          .putObject("title")
          .put("tag", "plain_text")
          .put("content", message.title());
    }
    card.putArray("elements")
        .addObject()
        .put("tag", "div")
        .putObject("text")
        .put("tag", "plain_text")
        .put("content", message.text());
    return card;
  }

  /**
   * A press names the card's message ({@code event.context.open_message_id}); an app with
   * credentials updates it for everyone.
   */
  @Override
  public Optional<Destination> pressedCard(io.duban.chat.InboundMessage press, String rawPayload) {
    boolean app =
        chat.feishuBot(press.botId())
            .map(b -> b.appId() != null && b.appSecret() != null)
            .orElse(false);
    if (!app || rawPayload == null || !rawPayload.stripLeading().startsWith("{")) {
      return Optional.empty();
    }
    String messageId =
        io.duban.chat.CallbackJson.text(
            io.duban.chat.CallbackJson.parse(rawPayload).path("event"),
            "context",
            "open_message_id");
    return messageId == null || messageId.isBlank()
        ? Optional.empty()
        : Optional.of(
            new Destination(
                Platform.FEISHU, press.botId(), Destination.Channel.CARD, messageId.strip()));
  }

  /**
   * {@code PATCH /open-apis/im/v1/messages/{message_id}} with {@code content} the new card as a
   * JSON string (更新应用发送的消息卡片): the shared card, both before and after {@code update_multi}, shows
   * the message's title and text and no button.
   */
  @Override
  public Mono<Void> updateCard(FeishuBot bot, String messageId, OutboundMessage message) {
    if (bot.appId() == null || bot.appSecret() == null) {
      return ANSWERS.missing(bot.id(), "app credentials");
    }
    String url = bot.apiBaseUrl() + "/open-apis/im/v1/messages/" + PlatformHttp.encode(messageId);
    String body =
        http.write(http.object().put("content", http.write(plainCard(message.withoutButton()))));
    return tokens
        .call(
            "feishu:" + bot.id(),
            () -> fetchToken(bot),
            token -> http.patch(url, Map.of("Authorization", "Bearer " + token), body),
            r -> TOKEN_EXPIRED.contains(ANSWERS.code(r)))
        .flatMap(r -> check(r, "card update"));
  }

  /** Cards sent through the app's API carry buttons; a custom bot's cannot call back. */
  @Override
  public boolean carriesButtons(Destination destination) {
    boolean viaApi =
        destination.channel() == Destination.Channel.CHAT
            || destination.channel() == Destination.Channel.USER;
    return viaApi
        && chat.feishuBot(destination.botId())
            .map(b -> b.appId() != null && b.appSecret() != null)
            .orElse(false);
  }

  private Mono<Void> sendByApi(
      FeishuBot bot, String idType, String receiveId, OutboundMessage message) {
    if (bot.appId() == null || bot.appSecret() == null) {
      return ANSWERS.missing(bot.id(), "app credentials");
    }
    String url =
        bot.apiBaseUrl()
            + "/open-apis/im/v1/messages?receive_id_type="
            + PlatformHttp.encode(idType);
    return tokens
        .call(
            "feishu:" + bot.id(),
            () -> fetchToken(bot),
            token -> attempt(bot, token, url, receiveId, message),
            a -> TOKEN_EXPIRED.contains(ANSWERS.code(a.response())))
        .flatMap(a -> check(a.response(), a.what()));
  }

  /** The platform's answer to one step of an API send, and what that step was. */
  private record Attempt(PlatformHttp.Response response, String what) {}

  /**
   * One API send with {@code token}: the message itself, or for an image the upload and then the
   * message naming its key. Ends at the first step the platform refused.
   */
  private Mono<Attempt> attempt(
      FeishuBot bot, String token, String url, String receiveId, OutboundMessage message) {
    Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
    ObjectNode body = http.object().put("receive_id", receiveId);
    if (message.format() == OutboundMessage.Format.IMAGE) {
      return upload(bot, auth, message)
          .flatMap(
              uploaded -> {
                PlatformHttp.Response r = uploaded.response();
                if (!r.ok() || r.body().path("code").asInt(-1) != 0) {
                  return Mono.just(uploaded);
                }
                String key = r.body().path("data").path("image_key").asString("");
                if (key.isEmpty()) {
                  return Mono.error(
                      SendFailure.permanent("Feishu image upload answered without an image_key"));
                }
                body.put("msg_type", "image");
                body.put("content", http.write(http.object().put("image_key", key)));
                return http.post(url, auth, http.write(body))
                    .map(sent -> new Attempt(sent, "API send"));
              });
    }
    if (message.button() != null) {
      body.put("msg_type", "interactive");
      body.put("content", http.write(buttonCard(message)));
    } else if (message.format() == OutboundMessage.Format.MARKDOWN) {
      body.put("msg_type", "interactive");
      body.put("content", http.write(card(message)));
    } else {
      body.put("msg_type", "text");
      body.put("content", http.write(http.object().put("text", withMentions(message))));
    }
    return http.post(url, auth, http.write(body)).map(r -> new Attempt(r, "API send"));
  }

  /** Uploads the image of an IMAGE message (its text is the Base64 of the bytes). */
  private Mono<Attempt> upload(FeishuBot bot, Map<String, String> auth, OutboundMessage message) {
    byte[] image;
    try {
      image = Base64.getDecoder().decode(message.text());
    } catch (IllegalArgumentException e) {
      return Mono.error(SendFailure.permanent("the image is not valid Base64"));
    }
    MultipartBodyBuilder parts = new MultipartBodyBuilder();
    parts.part("image_type", "message");
    boolean jpeg = image.length > 1 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8;
    parts
        .part("image", new ByteArrayResource(image))
        .filename(jpeg ? "image.jpg" : "image.png")
        .contentType(jpeg ? MediaType.IMAGE_JPEG : MediaType.IMAGE_PNG);
    return http.postMultipart(bot.apiBaseUrl() + "/open-apis/im/v1/images", auth, parts.build())
        .map(r -> new Attempt(r, "image upload"));
  }

  private Mono<AccessTokens.Token> fetchToken(FeishuBot bot) {
    ObjectNode body = http.object().put("app_id", bot.appId()).put("app_secret", bot.appSecret());
    return http.post(
            bot.apiBaseUrl() + "/open-apis/auth/v3/tenant_access_token/internal",
            Map.of(),
            http.write(body))
        .flatMap(
            r -> {
              JsonNode b = r.body();
              if (!r.ok()
                  || b.path("code").asInt(-1) != 0
                  || !b.hasNonNull("tenant_access_token")) {
                return Mono.error(ANSWERS.failure(r, "tenant_access_token"));
              }
              return Mono.just(
                  tokens.token(
                      b.get("tenant_access_token").asString(), b.path("expire").asLong(7200)));
            });
  }

  private static Mono<Void> check(PlatformHttp.Response r, String what) {
    // Webhooks answer {"code":0} (older ones {"StatusCode":0}); the OpenAPI answers {"code":0}.
    int code =
        r.body().has("code")
            ? r.body().path("code").asInt(0)
            : r.body().path("StatusCode").asInt(0);
    if (r.ok() && code == 0) {
      return Mono.empty();
    }
    return Mono.error(ANSWERS.failure(r, what));
  }

  private static String withMentions(OutboundMessage message) {
    StringBuilder out = new StringBuilder(message.text());
    message.mentions().forEach(m -> out.append(" <at user_id=\"").append(m).append("\"></at>"));
    return out.toString();
  }

  /**
   * Downloads a received message's picture or file: {@code GET
   * /open-apis/im/v1/messages/{message_id}/resources/{file_key}?type=image|file} with the tenant
   * token answers the bytes, or JSON with a {@code code} when it fails.
   */
  @Override
  public Mono<byte[]> download(FeishuBot bot, MediaRef ref, int maxBytes) {
    String url =
        bot.apiBaseUrl()
            + "/open-apis/im/v1/messages/"
            + PlatformHttp.encode(ref.messageId())
            + "/resources/"
            + PlatformHttp.encode(ref.key())
            + "?type="
            + (ref.image() ? "image" : "file");
    return tokens
        .call(
            "feishu:" + bot.id(),
            () -> fetchToken(bot),
            token -> http.getBytes(url, Map.of("Authorization", "Bearer " + token), maxBytes),
            b -> b.json() && TOKEN_EXPIRED.contains(ANSWERS.code(http.asResponse(b))))
        .flatMap(
            b ->
                b.ok() && !b.json()
                    ? Mono.just(b.bytes())
                    : ANSWERS
                        .check(http.asResponse(b), "message resource")
                        .then(
                            Mono.error(
                                SendFailure.permanent(
                                    "Feishu message resource answered no file"))));
  }
}
