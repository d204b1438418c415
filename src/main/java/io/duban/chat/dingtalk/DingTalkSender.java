package io.duban.chat.dingtalk;

import io.duban.chat.AccessTokens;
import io.duban.chat.BotSender;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.DingTalkBot;
import io.duban.chat.Destination;
import io.duban.chat.InboundMessage;
import io.duban.chat.MediaRef;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.PlatformAnswers;
import io.duban.chat.PlatformHttp;
import io.duban.chat.PlatformProfile;
import io.duban.chat.RateLimit;
import io.duban.chat.SendFailure;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DingTalk: custom robot webhook ({@code robot/send}, signed with a fresh millisecond timestamp),
 * sessionWebhook replies, and the robot OpenAPI ({@code robot/groupMessages/send}, {@code
 * robot/oToMessages/batchSend}) with a cached {@code oauth2/accessToken}. A robot takes 20 messages
 * a minute and is blocked for 10 minutes beyond that.
 */
@Component
record DingTalkSender(ChatProperties chat, PlatformHttp http, AccessTokens tokens, Clock clock)
    implements BotSender<DingTalkBot> {

  /** Sending too fast (130101), system busy (-1), flow control (400002, 410100), quota (20001). */
  /** The OpenAPI refuses an expired or revoked access token with 401 or InvalidAuthentication. */
  private static final Predicate<PlatformHttp.Response> EXPIRED =
      r -> !r.ok() && (r.status() == 401 || apiCode(r).contains("InvalidAuthentication"));

  private static final PlatformAnswers ROBOT =
      new PlatformAnswers(
          "DingTalk", "errcode", "errmsg", Set.of(-1, 130101, 400002, 410100, 20001));

  /**
   * A robot takes 20 messages a minute. DingTalk documents no exact byte cap for robots; 4096 keeps
   * messages readable on phones.
   */
  @Override
  public PlatformProfile profile() {
    return new PlatformProfile(Platform.DINGTALK, "DingTalk", 4096, 4096, new RateLimit(20, 0));
  }

  @Override
  public Mono<Void> send(Destination destination, OutboundMessage message) {
    if (message.format() == OutboundMessage.Format.IMAGE) {
      // Robots show images only by URL, e.g. a markdown message with ![title](url).
      return Mono.error(
          SendFailure.permanent("DingTalk robots cannot send image bytes; send a markdown link"));
    }
    if (message.format() == OutboundMessage.Format.FILE) {
      return Mono.error(SendFailure.permanent("DingTalk robots cannot send files; send a link"));
    }
    return BotSender.super.send(destination, message);
  }

  @Override
  public Mono<Void> webhook(DingTalkBot bot, OutboundMessage message) {
    return bot.webhookAccessToken() == null
        ? ROBOT.missing(bot.id(), "webhook access token")
        : postRobot(webhookUrl(bot), message);
  }

  @Override
  public Mono<Void> toChat(DingTalkBot bot, String chatId, OutboundMessage message) {
    if (message.button() != null && cards(bot)) {
      ObjectNode card =
          DingTalkCards.deliver(
              http.object(), bot.acknowledgeCardTemplate(), bot.robotCode(), chatId, message);
      return tokens
          .call(
              "dingtalk:" + bot.id(),
              () -> fetchToken(bot),
              t -> post(bot, DingTalkCards.CREATE_AND_DELIVER, t, card),
              EXPIRED)
          .flatMap(
              r -> {
                if (!r.ok()) {
                  return failure(r);
                }
                // HTTP 200 with a group it did not reach (the robot not in it, say) is a failure
                // too
                return DingTalkCards.delivered(r.body())
                    ? Mono.<Void>empty()
                    : Mono.error(
                        SendFailure.permanent(
                            "DingTalk card not delivered: " + r.body().path("result")));
              });
    }
    ObjectNode to =
        http.object().put("robotCode", bot.robotCode()).put("openConversationId", chatId);
    return sendByApi(bot, "/v1.0/robot/groupMessages/send", apiBody(to, message));
  }

  @Override
  public Mono<Void> toUsers(DingTalkBot bot, String userIds, OutboundMessage message) {
    ObjectNode to = http.object().put("robotCode", bot.robotCode());
    ArrayNode users = to.putArray("userIds");
    for (String user : userIds.split("\\|")) {
      users.add(user);
    }
    return sendByApi(bot, "/v1.0/robot/oToMessages/batchSend", apiBody(to, message));
  }

  /**
   * Group messages by the robot OpenAPI carry a button as the admin's 签收 card template, where the
   * bot has one; webhooks and replies cannot call back.
   */
  @Override
  public boolean carriesButtons(Destination destination) {
    return destination.channel() == Destination.Channel.CHAT
        && chat.dingtalkBot(destination.botId()).map(DingTalkSender::cards).orElse(false);
  }

  /** A card press names its card by {@code outTrackId}, which the card API updates in place. */
  @Override
  public Optional<Destination> pressedCard(InboundMessage press, String rawPayload) {
    if (!chat.dingtalkBot(press.botId()).map(DingTalkSender::cards).orElse(false)) {
      return Optional.empty();
    }
    return DingTalkCards.outTrackId(rawPayload)
        .map(id -> new Destination(Platform.DINGTALK, press.botId(), Destination.Channel.CARD, id));
  }

  /** {@code PUT /v1.0/card/instances}: the card shows {@code message} and no button. */
  @Override
  public Mono<Void> updateCard(DingTalkBot bot, String outTrackId, OutboundMessage message) {
    ObjectNode body = DingTalkCards.update(http.object(), outTrackId, message);
    return tokens
        .call(
            "dingtalk:" + bot.id(),
            () -> fetchToken(bot),
            t ->
                http.put(
                    bot.apiBaseUrl() + DingTalkCards.UPDATE,
                    Map.of("x-acs-dingtalk-access-token", t),
                    http.write(body)),
            EXPIRED)
        .flatMap(
            r ->
                r.ok() && r.body().path("success").asBoolean(true)
                    ? Mono.<Void>empty()
                    : Mono.error(
                        SendFailure.permanent(
                            "DingTalk card update failed: HTTP " + r.status() + " " + apiCode(r))));
  }

  private static boolean cards(DingTalkBot bot) {
    return DingTalkCards.sends(bot);
  }

  /** A sessionWebhook is its own credential while it lives: no bot configuration needed. */
  @Override
  public Mono<Void> reply(
      Optional<DingTalkBot> bot, Destination destination, OutboundMessage message) {
    return postRobot(destination.target(), message);
  }

  private String webhookUrl(DingTalkBot bot) {
    String url =
        bot.oapiBaseUrl()
            + "/robot/send?access_token="
            + PlatformHttp.encode(bot.webhookAccessToken());
    if (bot.webhookSecret() == null || bot.webhookSecret().isEmpty()) {
      return url;
    }
    long timestamp = clock.millis();
    return url
        + "&timestamp="
        + timestamp
        + "&sign="
        + DingTalkRobotSignature.urlEncoded(bot.webhookSecret(), timestamp);
  }

  private Mono<Void> postRobot(String url, OutboundMessage message) {
    return http.post(url, Map.of(), http.write(robotBody(message)))
        .flatMap(r -> ROBOT.check(r, "robot send"));
  }

  private ObjectNode robotBody(OutboundMessage message) {
    ObjectNode body = http.object();
    String mentionText = mentionSuffix(message);
    if (message.format() == OutboundMessage.Format.MARKDOWN) {
      body.put("msgtype", "markdown");
      body.putObject("markdown")
          .put("title", message.title().isEmpty() ? "督办助手" : message.title())
          .put("text", message.text() + mentionText);
    } else {
      body.put("msgtype", "text");
      body.putObject("text").put("content", message.text() + mentionText);
    }
    if (!message.mentions().isEmpty()) {
      ObjectNode at = body.putObject("at");
      ArrayNode ids = at.putArray("atUserIds");
      message.mentions().forEach(ids::add);
      at.put("isAtAll", false);
    }
    return body;
  }

  /** The OpenAPI body: the robot and addressee {@code to}, then the message. */
  private ObjectNode apiBody(ObjectNode to, OutboundMessage message) {
    ObjectNode body = to;
    ObjectNode param = http.object();
    if (message.format() == OutboundMessage.Format.MARKDOWN) {
      body.put("msgKey", "sampleMarkdown");
      param.put("title", message.title().isEmpty() ? "督办助手" : message.title());
      param.put("text", message.text());
    } else {
      body.put("msgKey", "sampleText");
      param.put("content", message.text());
    }
    // msgParam is a JSON string inside the JSON body, as the OpenAPI requires.
    body.put("msgParam", http.write(param));
    return body;
  }

  /** The OpenAPI answers HTTP 2xx on success and a string {@code code} otherwise. */
  private Mono<Void> sendByApi(DingTalkBot bot, String path, ObjectNode body) {
    return tokens
        .call("dingtalk:" + bot.id(), () -> fetchToken(bot), t -> post(bot, path, t, body), EXPIRED)
        .flatMap(r -> r.ok() ? Mono.<Void>empty() : failure(r));
  }

  /** A refusal of the OpenAPI: retryable when it only asks to slow down. */
  private static Mono<Void> failure(PlatformHttp.Response r) {
    String code = apiCode(r);
    String text =
        "DingTalk API send failed: HTTP "
            + r.status()
            + " "
            + code
            + " "
            + r.body().path("message").asString("");
    boolean busy = code.contains("Throttling") || code.contains("QpsLimit");
    return Mono.error(busy ? SendFailure.retryable(text) : SendFailure.permanent(text));
  }

  /** The OpenAPI takes its access token in a header. */
  private Mono<PlatformHttp.Response> post(
      DingTalkBot bot, String path, String token, ObjectNode body) {
    return http.post(
        bot.apiBaseUrl() + path, Map.of("x-acs-dingtalk-access-token", token), http.write(body));
  }

  private static String apiCode(PlatformHttp.Response r) {
    return r.body().path("code").asString("");
  }

  private Mono<AccessTokens.Token> fetchToken(DingTalkBot bot) {
    if (bot.appKey() == null || bot.appSecret() == null) {
      return ROBOT.missing(bot.id(), "app credentials");
    }
    ObjectNode body = http.object().put("appKey", bot.appKey()).put("appSecret", bot.appSecret());
    return http.post(bot.apiBaseUrl() + "/v1.0/oauth2/accessToken", Map.of(), http.write(body))
        .flatMap(
            r -> {
              JsonNode b = r.body();
              if (!r.ok() || !b.hasNonNull("accessToken")) {
                return Mono.error(
                    SendFailure.permanent(
                        "DingTalk accessToken failed: HTTP " + r.status() + " " + apiCode(r)));
              }
              return Mono.just(
                  tokens.token(b.get("accessToken").asString(), b.path("expireIn").asLong(7200)));
            });
  }

  private static String mentionSuffix(OutboundMessage message) {
    StringBuilder out = new StringBuilder();
    // DingTalk renders an @ only when the text itself names the user as well.
    message.mentions().forEach(m -> out.append(out.isEmpty() ? "\n" : " ").append('@').append(m));
    return out.toString();
  }

  /**
   * Downloads a robot message's picture or file: {@code POST /v1.0/robot/messageFiles/download}
   * with {@code {downloadCode, robotCode}} answers a short-lived {@code downloadUrl}, which a plain
   * GET then reads.
   */
  @Override
  public Mono<byte[]> download(DingTalkBot bot, MediaRef ref, int maxBytes) {
    ObjectNode body =
        http.object().put("downloadCode", ref.key()).put("robotCode", bot.robotCode());
    return tokens
        .call(
            "dingtalk:" + bot.id(),
            () -> fetchToken(bot),
            t -> post(bot, "/v1.0/robot/messageFiles/download", t, body),
            EXPIRED)
        .flatMap(
            r -> {
              String url = r.body().path("downloadUrl").asString("");
              if (!r.ok() || url.isEmpty()) {
                return Mono.error(
                    SendFailure.permanent(
                        "DingTalk messageFiles/download failed: HTTP "
                            + r.status()
                            + " "
                            + apiCode(r)));
              }
              return http.getBytes(url, Map.of(), maxBytes);
            })
        .flatMap(
            b ->
                b.ok()
                    ? Mono.just(b.bytes())
                    : Mono.error(
                        SendFailure.permanent(
                            "DingTalk file download failed: HTTP " + b.status())));
  }
}
