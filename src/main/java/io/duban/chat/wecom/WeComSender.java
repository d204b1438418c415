package io.duban.chat.wecom;

import io.duban.chat.AccessTokens;
import io.duban.chat.BotSender;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.WeComBot;
import io.duban.chat.Destination;
import io.duban.chat.MediaRef;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.PlatformAnswers;
import io.duban.chat.PlatformHttp;
import io.duban.chat.PlatformProfile;
import io.duban.chat.RateLimit;
import io.duban.chat.SendFailure;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * WeCom (and 粤政易): group robot webhook ({@code cgi-bin/webhook/send}), the robot's reply
 * WebhookUrl, and the app API ({@code message/send} to users, {@code appchat/send} to app chats)
 * with a cached {@code gettoken} access token; a smart bot in stream mode answers and pushes down
 * its long connection ({@link WeComStream}). Robots take 20 messages a minute, each group robot's
 * webhook key on its own.
 */
@Component
record WeComSender(ChatProperties chat, PlatformHttp http, AccessTokens tokens, WeComStream stream)
    implements BotSender<WeComBot> {

  /** The robot's upload_media takes files of at most 20 MB. */
  private static final int MAX_FILE_BYTES = 20 * 1024 * 1024;

  /** Access token invalid (40014), expired (42001), or expired per another code (42009). */
  private static final Set<Integer> TOKEN_EXPIRED = Set.of(40014, 42001, 42009);

  /**
   * System busy (-1) and too many at once (45033) are tried again after a backoff; API frequency
   * out of limit (45009, the robot's 20 a minute) waits for the robot's window instead.
   */
  private static final PlatformAnswers ANSWERS =
      new PlatformAnswers("WeCom", "errcode", "errmsg", Set.of(-1, 45033), Set.of(45009));

  /** A template card's {@code task_id} was used before (42014). */
  private static final int TASK_ID_USED = 42014;

  /** Robots take 20 messages a minute; markdown carries twice what text does. */
  @Override
  public PlatformProfile profile() {
    return new PlatformProfile(Platform.WECOM, "WeCom", 2048, 4096, new RateLimit(20, 0));
  }

  /**
   * WeCom limits each group robot's webhook key to 20 a minute, so one robot serving many groups
   * answers each at that rate: the robot a reply URL names has its own bucket. A reply URL that
   * names the bot's own webhook key (a message in the robot's own group) shares the bot's bucket:
   * the group's reminders and its answers count against one limit at WeCom, so they do here.
   */
  @Override
  public String rateKey(Destination destination) {
    if (destination.channel() != Destination.Channel.REPLY_URL) {
      return destination.botBucket();
    }
    String own = chat.wecomBot(destination.botId()).map(WeComBot::webhookKey).orElse(null);
    return own != null && own.equals(webhookKey(destination.target()))
        ? destination.botBucket()
        : destination.replyUrlBucket();
  }

  /** The {@code key} a robot webhook URL names, or null. */
  static String webhookKey(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : url.substring(q + 1).split("&")) {
      if (pair.startsWith("key=")) {
        return java.net.URLDecoder.decode(
            pair.substring(4), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Override
  public Mono<Void> webhook(WeComBot bot, OutboundMessage message) {
    if (bot.webhookKey() == null) {
      return ANSWERS.missing(bot.id(), "webhook key");
    }
    String key = PlatformHttp.encode(bot.webhookKey());
    String url = bot.apiBaseUrl() + "/cgi-bin/webhook/send?key=" + key;
    if (message.format() == OutboundMessage.Format.FILE) {
      return uploadMedia(bot.apiBaseUrl() + "/cgi-bin/webhook/upload_media?key=" + key, message)
          .flatMap(mediaId -> postRobotBody(url, fileBody(mediaId)));
    }
    return postRobot(url, message);
  }

  /**
   * Uploads a FILE message's bytes to the robot ({@code webhook/upload_media?type=file}, form field
   * {@code media} with its filename): the {@code media_id} a file message then names, valid three
   * days and for this robot only (doc 91770, 文件上传接口). Files over 20 MB are refused here.
   */
  private Mono<String> uploadMedia(String url, OutboundMessage message) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(message.text());
    } catch (IllegalArgumentException e) {
      return Mono.error(SendFailure.permanent("the file is not valid Base64"));
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return Mono.error(SendFailure.permanent("WeCom robots take files of at most 20 MB"));
    }
    String name = message.title().isBlank() ? "file" : message.title();
    MultipartBodyBuilder parts = new MultipartBodyBuilder();
    parts
        .part("media", new ByteArrayResource(bytes))
        .filename(name)
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header("filelength", String.valueOf(bytes.length));
    return http.postMultipart(url + "&type=file", Map.of(), parts.build())
        .flatMap(
            r ->
                ANSWERS
                    .check(r, "robot upload_media")
                    .then(
                        Mono.defer(
                            () -> {
                              String id = r.body().path("media_id").asString("");
                              return id.isEmpty()
                                  ? Mono.error(
                                      SendFailure.permanent(
                                          "WeCom upload_media answered without a media_id"))
                                  : Mono.just(id);
                            })));
  }

  private ObjectNode fileBody(String mediaId) {
    ObjectNode body = http.object().put("msgtype", "file");
    body.putObject("file").put("media_id", mediaId);
    return body;
  }

  /**
   * The URL WeCom gave with the message carries its own key: no bot configuration needed. A smart
   * bot's long-connection reply handle goes down the live connection instead ({@link
   * WeComStream#reply}), which only the instance holding it can do.
   */
  @Override
  public Mono<Void> reply(
      Optional<WeComBot> bot, Destination destination, OutboundMessage message) {
    if (WeComStream.isReplyHandle(destination.target())) {
      return stream.reply(
          bot.isPresent() ? bot : chat.wecomBot(destination.botId()),
          destination.target(),
          message);
    }
    return postRobot(destination.target(), message);
  }

  /**
   * A stream smart bot pushes to each person's one-to-one chat down its long connection ({@code
   * aibot_send_msg} with the userid as chat id), one after another; the others through the app API.
   */
  @Override
  public Mono<Void> toUsers(WeComBot bot, String userIds, OutboundMessage message) {
    if (bot.pushesOverStream()) {
      return Flux.fromArray(userIds.split("\\|"))
          .filter(id -> !id.isBlank())
          .concatMap(id -> stream.send(bot, id, message))
          .then();
    }
    ObjectNode to =
        http.object()
            .put("touser", userIds)
            .put("agentid", bot.agentId() == null ? 0L : bot.agentId());
    if (message.button() != null && cardsBack(bot)) {
      // 42014: the task_id was used: this card went out before (a retry after a lost answer)
      return callApp(bot, "/cgi-bin/message/send", WeComCards.buttonCard(to, message))
          .flatMap(
              r ->
                  r.ok() && ANSWERS.code(r) == TASK_ID_USED
                      ? Mono.empty()
                      : ANSWERS.check(r, "template card send"));
    }
    return sendByApp(bot, "/cgi-bin/message/send", appBody(to, message));
  }

  /** An app's messages to people carry a button card, when the app has a callback to press to. */
  @Override
  public boolean carriesButtons(Destination destination) {
    return destination.channel() == Destination.Channel.USER
        && chat.wecomBot(destination.botId()).map(WeComSender::cardsBack).orElse(false);
  }

  /**
   * A WeCom app's cards with buttons go to people one to one ({@code message/send}); its group
   * chats ({@code appchat/send}) and group robots take no such card.
   */
  @Override
  public Optional<Destination> cardsToPeople(String botId, List<String> userIds) {
    return chat.wecomBot(botId)
        .filter(WeComSender::cardsBack)
        .filter(b -> b.corpSecret() != null && b.corpId() != null)
        .map(
            b ->
                new Destination(
                    Platform.WECOM,
                    botId,
                    Destination.Channel.USER,
                    String.join("|", userIds.stream().limit(1000).toList())));
  }

  /**
   * A press on an app's template card carries a {@code ResponseCode} (doc 90240), good for one
   * {@code update_template_card} within 72 hours (doc 94888): the card is updated for the presser.
   */
  @Override
  public Optional<Destination> pressedCard(io.duban.chat.InboundMessage press, String rawPayload) {
    if (chat.wecomBot(press.botId()).filter(WeComSender::cardsBack).isEmpty()
        || rawPayload == null
        || !rawPayload.stripLeading().startsWith("<")
        || press.senderId() == null
        || press.senderId().isBlank()) {
      return Optional.empty();
    }
    String code = SecureXml.parse(rawPayload).text("ResponseCode");
    return code == null || code.isBlank()
        ? Optional.empty()
        : Optional.of(
            new Destination(
                Platform.WECOM,
                press.botId(),
                Destination.Channel.CARD,
                press.senderId() + "|" + code.strip()));
  }

  /**
   * {@code POST cgi-bin/message/update_template_card} (doc 94888, 更新按钮为不可点击状态): the button of the
   * presser's card becomes unpressable and reads the message's title ({@code 已签收}); the handle is
   * the presser and the press's response code.
   */
  @Override
  public Mono<Void> updateCard(WeComBot bot, String handle, OutboundMessage message) {
    int bar = handle.indexOf('|');
    if (bar <= 0 || bar == handle.length() - 1) {
      return Mono.error(SendFailure.permanent("not a WeCom card handle"));
    }
    String label = message.title().isBlank() ? message.text() : message.title();
    ObjectNode body = http.object();
    body.putArray("userids").add(handle.substring(0, bar));
    body.put("agentid", bot.agentId() == null ? 0L : bot.agentId());
    body.put("response_code", handle.substring(bar + 1));
    body.putObject("button").put("replace_name", label.strip());
    return callApp(bot, "/cgi-bin/message/update_template_card", body)
        .flatMap(r -> ANSWERS.check(r, "update_template_card"));
  }

  /** A self-built app with an agent id and a callback, where a press comes back. */
  private static boolean cardsBack(WeComBot bot) {
    return bot.kind() == ChatProperties.WeComKind.APP
        && bot.agentId() != null
        && bot.token() != null
        && bot.encodingAesKey() != null;
  }

  /** A stream smart bot pushes down its long connection; an app posts to its app chat. */
  @Override
  public Mono<Void> toChat(WeComBot bot, String chatId, OutboundMessage message) {
    if (bot.pushesOverStream()) {
      return stream.send(bot, chatId, message);
    }
    return sendByApp(
        bot, "/cgi-bin/appchat/send", appBody(http.object().put("chatid", chatId), message));
  }

  private Mono<Void> postRobot(String url, OutboundMessage message) {
    if (message.format() == OutboundMessage.Format.FILE) {
      return Mono.error(
          SendFailure.permanent("a reply URL cannot carry a file; send it through the webhook"));
    }
    return postRobotBody(url, robotBody(message));
  }

  private Mono<Void> postRobotBody(String url, ObjectNode body) {
    return http.post(url, Map.of(), http.write(body)).flatMap(r -> ANSWERS.check(r, "robot send"));
  }

  private ObjectNode robotBody(OutboundMessage message) {
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
      case FILE -> throw new IllegalStateException("a file goes through upload_media first");
      case IMAGE -> {
        body.put("msgtype", "image");
        byte[] raw = Base64.getDecoder().decode(message.text());
        body.putObject("image").put("base64", message.text()).put("md5", md5Hex(raw));
      }
    }
    return body;
  }

  /** The app API body: the addressee {@code to}, then the message. */
  private ObjectNode appBody(ObjectNode to, OutboundMessage message) {
    ObjectNode body = to;
    if (message.format() == OutboundMessage.Format.MARKDOWN) {
      body.put("msgtype", "markdown");
      body.putObject("markdown").put("content", withMarkdownMentions(message));
    } else {
      body.put("msgtype", "text");
      body.putObject("text").put("content", message.text());
    }
    return body;
  }

  /** The app API takes its access token in the query. */
  private Mono<Void> sendByApp(WeComBot bot, String path, ObjectNode body) {
    return callApp(bot, path, body).flatMap(r -> ANSWERS.check(r, "app send"));
  }

  /** One app API call with the cached token (fetched again once when it expired). */
  private Mono<PlatformHttp.Response> callApp(WeComBot bot, String path, ObjectNode body) {
    Function<String, Mono<PlatformHttp.Response>> post =
        token ->
            http.post(
                bot.apiBaseUrl() + path + "?access_token=" + PlatformHttp.encode(token),
                Map.of(),
                http.write(body));
    Predicate<PlatformHttp.Response> expired = r -> TOKEN_EXPIRED.contains(ANSWERS.code(r));
    return tokens.call("wecom:" + bot.id(), () -> fetchToken(bot), post, expired);
  }

  private Mono<AccessTokens.Token> fetchToken(WeComBot bot) {
    if (bot.corpId() == null || bot.corpSecret() == null) {
      return ANSWERS.missing(bot.id(), "app credentials");
    }
    String url =
        bot.apiBaseUrl()
            + "/cgi-bin/gettoken?corpid="
            + PlatformHttp.encode(bot.corpId())
            + "&corpsecret="
            + PlatformHttp.encode(bot.corpSecret());
    return http.get(url)
        .flatMap(
            r -> {
              JsonNode b = r.body();
              if (!r.ok() || ANSWERS.code(r) != 0 || !b.hasNonNull("access_token")) {
                return Mono.error(ANSWERS.failure(r, "gettoken"));
              }
              return Mono.just(
                  tokens.token(
                      b.get("access_token").asString(), b.path("expires_in").asLong(7200)));
            });
  }

  private static String withMarkdownMentions(OutboundMessage message) {
    if (message.mentions().isEmpty()) {
      return message.text();
    }
    StringBuilder out = new StringBuilder(message.text()).append('\n');
    message.mentions().forEach(m -> out.append("<@").append(m).append('>'));
    return out.toString();
  }

  private static String md5Hex(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Downloads an app message's picture or file: {@code GET /cgi-bin/media/get?access_token=
   * &media_id=} (temporary media, valid three days), which answers the bytes, or JSON with an
   * {@code errcode} when it fails.
   */
  @Override
  public Mono<byte[]> download(WeComBot bot, MediaRef ref, int maxBytes) {
    if (SmartBotMedia.isUrl(ref.key())) {
      return smartBotDownload(bot, ref, maxBytes);
    }
    Function<String, Mono<PlatformHttp.Binary>> get =
        token ->
            http.getBytes(
                bot.apiBaseUrl()
                    + "/cgi-bin/media/get?access_token="
                    + PlatformHttp.encode(token)
                    + "&media_id="
                    + PlatformHttp.encode(ref.key()),
                Map.of(),
                maxBytes);
    Predicate<PlatformHttp.Binary> expired =
        b -> b.json() && TOKEN_EXPIRED.contains(ANSWERS.code(http.asResponse(b)));
    return tokens
        .call("wecom:" + bot.id(), () -> fetchToken(bot), get, expired)
        .flatMap(
            b ->
                b.ok() && !b.json()
                    ? Mono.just(b.bytes())
                    : ANSWERS
                        .check(http.asResponse(b), "media/get")
                        .then(
                            Mono.error(
                                SendFailure.permanent("WeCom media/get answered no media"))));
  }

  /**
   * A smart bot's picture or file: {@code GET} its URL (no token; valid five minutes), then decrypt
   * it with the {@code aeskey} the long connection gave with it, or the bot's EncodingAESKey for a
   * callback ({@link SmartBotMedia}).
   */
  private Mono<byte[]> smartBotDownload(WeComBot bot, MediaRef ref, int maxBytes) {
    String key = ref.secret() != null ? ref.secret() : bot.encodingAesKey();
    if (key == null || key.isBlank()) {
      return Mono.error(
          SendFailure.permanent(
              "WeCom smart bot " + bot.id() + ": no aeskey or EncodingAESKey for its file"));
    }
    // the padding adds at most 32 bytes to what may be stored
    return http.getBytes(ref.key(), Map.of(), maxBytes + 32)
        .flatMap(
            b -> {
              if (!b.ok()) {
                return Mono.error(
                    SendFailure.permanent(
                        "WeCom file download answered HTTP " + b.status() + " (expired URL?)"));
              }
              if (b.contentType().toLowerCase(java.util.Locale.ROOT).contains("json")) {
                return Mono.error(
                    SendFailure.permanent("WeCom file download answered " + b.text()));
              }
              return Mono.fromCallable(() -> SmartBotMedia.decrypt(b.bytes(), key));
            });
  }
}
