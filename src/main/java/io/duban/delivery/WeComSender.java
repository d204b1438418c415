package io.duban.delivery;

import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.WeComBot;
import io.duban.chat.Platform;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * WeCom (and 粤政易): group robot webhook ({@code cgi-bin/webhook/send}), the robot's reply
 * WebhookUrl, and the app API ({@code message/send} to users, {@code appchat/send} to app chats)
 * with a cached {@code gettoken} access token.
 */
final class WeComSender implements PlatformSender {

  /** Access token invalid (40014), expired (42001), or expired per another code (42009). */
  private static final Set<Integer> TOKEN_EXPIRED = Set.of(40014, 42001, 42009);

  /** System busy (-1), API frequency out of limit (45009), and friends (45033 concurrency). */
  private static final Set<Integer> BUSY = Set.of(-1, 45009, 45033);

  private final ChatProperties chat;
  private final PlatformHttp http;
  private final AccessTokens tokens;
  private final Clock clock;

  WeComSender(ChatProperties chat, PlatformHttp http, AccessTokens tokens, Clock clock) {
    this.chat = chat;
    this.http = http;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.WECOM;
  }

  @Override
  public int maxBytes(OutboundMessage.Format format) {
    return format == OutboundMessage.Format.MARKDOWN ? 4096 : 2048;
  }

  @Override
  public Mono<Void> send(Destination destination, OutboundMessage message) {
    if (destination.channel() == Destination.Channel.REPLY_URL) {
      // The URL WeCom gave with the message carries its own key: no bot configuration needed.
      return postRobot(destination.target(), message);
    }
    return Mono.justOrEmpty(chat.wecomBot(destination.botId()))
        .switchIfEmpty(
            Mono.error(SendFailure.permanent("unknown WeCom bot " + destination.botId())))
        .flatMap(bot -> send(bot, destination, message));
  }

  private Mono<Void> send(WeComBot bot, Destination destination, OutboundMessage message) {
    return switch (destination.channel()) {
      case WEBHOOK -> {
        if (bot.webhookKey() == null) {
          yield Mono.error(SendFailure.permanent("WeCom bot " + bot.id() + " has no webhook key"));
        }
        yield postRobot(
            bot.apiBaseUrl() + "/cgi-bin/webhook/send?key=" + enc(bot.webhookKey()), message);
      }
      case REPLY_URL -> postRobot(destination.target(), message);
      case USER ->
          sendByApp(bot, "/cgi-bin/message/send", appBody(bot, destination, message), true);
      case CHAT ->
          sendByApp(bot, "/cgi-bin/appchat/send", appBody(bot, destination, message), true);
    };
  }

  private Mono<Void> postRobot(String url, OutboundMessage message) {
    return http.post(url, Map.of(), http.write(robotBody(message))).flatMap(r -> check(r, false));
  }

  ObjectNode robotBody(OutboundMessage message) {
    ObjectNode body = http.object();
    switch (message.format()) {
      case TEXT -> {
        body.put("msgtype", "text");
        ObjectNode text = body.putObject("text").put("content", message.text());
        if (!message.mentions().isEmpty()) {
          ArrayNode list = text.putArray("mentioned_list");
          message.mentions().forEach(list::add);
        }
      }
      case MARKDOWN -> {
        body.put("msgtype", "markdown");
        body.putObject("markdown").put("content", withMarkdownMentions(message));
      }
      case IMAGE -> {
        body.put("msgtype", "image");
        byte[] raw = Base64.getDecoder().decode(message.text());
        body.putObject("image").put("base64", message.text()).put("md5", md5Hex(raw));
      }
    }
    return body;
  }

  private ObjectNode appBody(WeComBot bot, Destination destination, OutboundMessage message) {
    ObjectNode body = http.object();
    if (destination.channel() == Destination.Channel.USER) {
      body.put("touser", destination.target());
      body.put("agentid", bot.agentId() == null ? 0L : bot.agentId());
    } else {
      body.put("chatid", destination.target());
    }
    if (message.format() == OutboundMessage.Format.MARKDOWN) {
      body.put("msgtype", "markdown");
      body.putObject("markdown").put("content", withMarkdownMentions(message));
    } else {
      body.put("msgtype", "text");
      body.putObject("text").put("content", message.text());
    }
    return body;
  }

  private Mono<Void> sendByApp(WeComBot bot, String path, ObjectNode body, boolean mayRefresh) {
    if (bot.corpId() == null || bot.corpSecret() == null) {
      return Mono.error(SendFailure.permanent("WeCom bot " + bot.id() + " has no app credentials"));
    }
    return tokens
        .get(tokenKey(bot), () -> fetchToken(bot))
        .flatMap(
            token ->
                http.post(
                    bot.apiBaseUrl() + path + "?access_token=" + enc(token),
                    Map.of(),
                    http.write(body)))
        .flatMap(
            r -> {
              int code = r.body().path("errcode").asInt(0);
              if (mayRefresh && TOKEN_EXPIRED.contains(code)) {
                tokens.invalidate(tokenKey(bot));
                return sendByApp(bot, path, body, false);
              }
              return check(r, true);
            });
  }

  private Mono<AccessTokens.Token> fetchToken(WeComBot bot) {
    String url =
        bot.apiBaseUrl()
            + "/cgi-bin/gettoken?corpid="
            + enc(bot.corpId())
            + "&corpsecret="
            + enc(bot.corpSecret());
    return http.get(url)
        .flatMap(
            r -> {
              JsonNode b = r.body();
              if (!r.ok() || b.path("errcode").asInt(0) != 0 || !b.hasNonNull("access_token")) {
                return Mono.error(failure(r, "gettoken"));
              }
              long expiresIn = b.path("expires_in").asLong(7200);
              return Mono.just(
                  new AccessTokens.Token(
                      b.get("access_token").asString(), clock.instant().plusSeconds(expiresIn)));
            });
  }

  private Mono<Void> check(PlatformHttp.Response r, boolean app) {
    if (r.ok() && r.body().path("errcode").asInt(0) == 0) {
      return Mono.empty();
    }
    return Mono.error(failure(r, app ? "app send" : "robot send"));
  }

  private static SendFailure failure(PlatformHttp.Response r, String what) {
    int code = r.body().path("errcode").asInt(0);
    String text =
        "WeCom "
            + what
            + " failed: HTTP "
            + r.status()
            + " errcode "
            + code
            + " "
            + r.body().path("errmsg").asString("");
    return BUSY.contains(code) ? SendFailure.retryable(text) : SendFailure.permanent(text);
  }

  private static String withMarkdownMentions(OutboundMessage message) {
    if (message.mentions().isEmpty()) {
      return message.text();
    }
    StringBuilder out = new StringBuilder(message.text()).append('\n');
    message.mentions().forEach(m -> out.append("<@").append(m).append('>'));
    return out.toString();
  }

  private static String tokenKey(WeComBot bot) {
    return "wecom:" + bot.id();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String md5Hex(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
