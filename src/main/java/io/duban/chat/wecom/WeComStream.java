package io.duban.chat.wecom;

import io.duban.chat.CallbackJson;
import io.duban.chat.CallbackRejected;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.Mode;
import io.duban.chat.ChatProperties.WeComBot;
import io.duban.chat.InboundStore;
import io.duban.chat.NewInboundMessage;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.PlatformHttp;
import io.duban.chat.SendFailure;
import io.duban.chat.stream.StreamConnector;
import io.duban.chat.stream.StreamLink;
import io.duban.chat.stream.StreamProperties;
import io.duban.chat.stream.StreamSocket;
import io.duban.chat.stream.StreamSocket.Frame;
import io.duban.chat.stream.StreamSocket.Outbound;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * The WeCom smart bot's (智能机器人) long connection ({@code mode: stream}): a WebSocket to {@code
 * stream-url} ({@code wss://openws.work.weixin.qq.com}), logged in with {@code aibot_subscribe}
 * (Bot ID and Secret; the Secret goes in that frame only, never in a log line) and kept alive with
 * {@code ping} frames at least every 30 s (the interval of WeCom's own SDK). Each {@code
 * aibot_msg_callback} carries in its body the same JSON as the HTTP callback's decrypted plaintext,
 * so it is normalised by the same {@link WeComMessages} (the same {@code msgid} dedupe key) and
 * stored; its reply handle is the frame's {@code req_id}, kept as the row's reply URL {@code
 * wecom-stream://aibot/<req_id>}.
 *
 * <p>Replies go back as {@code aibot_respond_msg} with that {@code req_id}, and proactive messages
 * (reminders, escalations, digests) as {@code aibot_send_msg} to a chat id (a picture, such as the
 * digest chart, after its upload over the connection: {@link SmartBotUploads}), both down the
 * connection only the lease holder has: the outbox's {@link WeComSender} hands them to {@link
 * #reply} and {@link #send}, which fail as {@link SendFailure#elsewhere} on an instance without the
 * live connection, so the row waits for the holder's dispatcher without using up its attempts. The
 * long connection has no acknowledgement of pushed messages and WeCom documents no redelivery of
 * them: a message that could not be stored is logged and lost.
 *
 * <p>A {@code disconnected_event} means a newer connection of the bot displaced this one (another
 * process, or another deployment with the same Bot ID): the supervisor stands back rather than
 * taking the bot back in turns.
 */
@Component
class WeComStream implements StreamConnector {

  private static final Logger log = LoggerFactory.getLogger(WeComStream.class);

  /** The prefix of a long-connection reply URL; the rest is the callback's URL-encoded req_id. */
  static final String REPLY_PREFIX = WeComBot.STREAM_REPLY_HOST + "/";

  /** WeCom's SDK pings every 30 s; a shorter configured heartbeat is kept. */
  static final Duration DOCUMENTED_HEARTBEAT = Duration.ofSeconds(30);

  /** How long a reply waits for WeCom's answer frame (the SDK's reply-ack timeout). */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(5);

  /** System busy and frequency limits: tried again later. */
  private static final Set<Integer> RETRYABLE = Set.of(-1, 45009, 45033);

  private final ChatProperties properties;
  private final StreamSocket socket;
  private final StreamProperties streams;
  private final InboundStore inbound;
  private final PlatformHttp http;
  private final Clock clock;
  private final SmartBotFrames frames;
  private final SmartBotUploads uploads;
  private final Map<String, Live> live = new ConcurrentHashMap<>();

  WeComStream(
      ChatProperties properties,
      StreamSocket socket,
      StreamProperties streams,
      InboundStore inbound,
      PlatformHttp http,
      Clock clock) {
    this.properties = properties;
    this.socket = socket;
    this.streams = streams;
    this.inbound = inbound;
    this.http = http;
    this.clock = clock;
    this.frames = new SmartBotFrames(http);
    this.uploads = new SmartBotUploads(frames);
  }

  @Override
  public Platform platform() {
    return Platform.WECOM;
  }

  @Override
  public List<String> streamBots() {
    return properties.wecom().stream()
        .filter(bot -> bot.mode() == Mode.STREAM)
        .map(WeComBot::id)
        .toList();
  }

  @Override
  public Mono<Void> connect(String botId, StreamLink link) {
    WeComBot bot = properties.wecomBot(botId).orElseThrow();
    Live connection = new Live();
    Duration beat =
        streams.heartbeat().compareTo(DOCUMENTED_HEARTBEAT) < 0
            ? streams.heartbeat()
            : DOCUMENTED_HEARTBEAT;
    return Mono.defer(
            () ->
                socket.open(
                    URI.create(bot.streamUrl()),
                    new Session(bot, link, connection),
                    link,
                    () -> beat))
        .doFinally(
            signal -> {
              live.remove(botId, connection);
              connection.fail("the connection ended");
            });
  }

  /** True when {@code url} is a reply handle of this connector (not an address to POST to). */
  static boolean isReplyHandle(String url) {
    return url != null && url.startsWith(REPLY_PREFIX);
  }

  /**
   * Answers the message whose reply handle is {@code url} down the bot's live connection; fails as
   * {@link SendFailure#elsewhere} when this instance does not hold it (the holder's dispatcher
   * sends it).
   */
  Mono<Void> reply(Optional<WeComBot> bot, String url, OutboundMessage message) {
    String reqId = URLDecoder.decode(url.substring(REPLY_PREFIX.length()), StandardCharsets.UTF_8);
    return connection(bot.map(WeComBot::id).orElse(null))
        .flatMap(c -> c.send(reqId, frames.respond(reqId, message)));
  }

  /**
   * Sends {@code message} unasked to chat {@code chatId} ({@code aibot_send_msg}: a group's chatid,
   * or a person's userid for the one-to-one chat) down the bot's live connection; WeCom takes it
   * only in chats where someone has spoken to the bot. Fails as {@link SendFailure#elsewhere} when
   * this instance does not hold the connection.
   */
  Mono<Void> send(WeComBot bot, String chatId, OutboundMessage message) {
    return connection(bot.id())
        .flatMap(
            c -> {
              String reqId = SmartBotFrames.reqId(SmartBotFrames.SEND);
              if (message.format() == OutboundMessage.Format.IMAGE
                  || message.format() == OutboundMessage.Format.FILE) {
                return uploads
                    .upload(message, c::ask)
                    .flatMap(
                        mediaId ->
                            c.send(
                                reqId,
                                frames.sendMedia(
                                    reqId, chatId, SmartBotUploads.type(message), mediaId)));
              }
              return c.send(reqId, frames.send(reqId, chatId, message));
            });
  }

  /** The bot's live connection on this instance, or the failure that sends the row elsewhere. */
  private Mono<Live> connection(String botId) {
    Live connection = botId == null ? null : live.get(botId);
    if (connection == null) {
      return Mono.error(
          SendFailure.elsewhere(
              "WeCom smart bot "
                  + botId
                  + ": this instance holds no long connection; the instance holding it sends"));
    }
    return Mono.just(connection);
  }

  static String replyUrl(String reqId) {
    return REPLY_PREFIX + PlatformHttp.encode(reqId);
  }

  /** One subscribed connection: where replies go, and the replies waiting for WeCom's answer. */
  private static final class Live {
    private volatile Outbound out;
    private final Map<String, Sinks.One<JsonNode>> waiting = new ConcurrentHashMap<>();

    Mono<Void> send(String reqId, String frame) {
      return ask(reqId, frame).then();
    }

    /** Sends {@code frame} and emits WeCom's answer to it when its errcode is 0. */
    Mono<JsonNode> ask(String reqId, String frame) {
      Sinks.One<JsonNode> answer = Sinks.one();
      if (waiting.putIfAbsent(reqId, answer) != null) {
        return Mono.error(
            SendFailure.retryable("WeCom smart bot: another reply to this message is on its way"));
      }
      return Mono.defer(
              () -> {
                out.text(frame);
                return answer.asMono();
              })
          .timeout(
              ANSWER_WAIT,
              Mono.error(
                  () -> SendFailure.retryable("WeCom did not answer the reply in " + ANSWER_WAIT)))
          .flatMap(Live::check)
          .doFinally(signal -> waiting.remove(reqId, answer));
    }

    private static Mono<JsonNode> check(JsonNode answer) {
      int code = answer.path("errcode").asInt(-1);
      if (code == 0) {
        return Mono.just(answer);
      }
      String text =
          "WeCom refused the reply: errcode " + code + " " + answer.path("errmsg").asString("");
      return Mono.error(
          RETRYABLE.contains(code) ? SendFailure.retryable(text) : SendFailure.permanent(text));
    }

    /** WeCom answered the frame with {@code reqId}; false when no reply waits for it. */
    boolean answered(String reqId, JsonNode answer) {
      Sinks.One<JsonNode> sink = waiting.get(reqId);
      return sink != null && sink.tryEmitValue(answer).isSuccess();
    }

    void fail(String why) {
      waiting.values().forEach(sink -> sink.tryEmitError(SendFailure.retryable(why)));
    }
  }

  /** One connection's protocol: subscribe, heartbeats, messages, answers, displacement. */
  private final class Session implements StreamSocket.Handler {
    private final WeComBot bot;
    private final StreamLink link;
    private final Live connection;
    private final String subscribeId = SmartBotFrames.reqId(SmartBotFrames.SUBSCRIBE);

    Session(WeComBot bot, StreamLink link, Live connection) {
      this.bot = bot;
      this.link = link;
      this.connection = connection;
    }

    @Override
    public boolean confirmsConnection() {
      return true;
    }

    @Override
    public void opened(Outbound out) {
      connection.out = out;
      out.text(frames.subscribe(subscribeId, bot.aibotId(), bot.aibotSecret()));
    }

    @Override
    public WebSocketFrame heartbeat() {
      return new TextWebSocketFrame(frames.ping(SmartBotFrames.reqId(SmartBotFrames.PING)));
    }

    @Override
    public Mono<Void> onFrame(Frame frame, Outbound out) {
      if (frame.binary()) {
        return Mono.empty();
      }
      JsonNode json;
      try {
        json = CallbackJson.parse(frame.text());
      } catch (CallbackRejected e) {
        log.warn("WeCom stream bot {}: a frame that is not JSON was ignored", bot.id());
        return Mono.empty();
      }
      String cmd = json.path("cmd").asString("");
      String reqId = json.path("headers").path("req_id").asString("");
      switch (cmd) {
        case "aibot_msg_callback" -> {
          return message(reqId, json.path("body"));
        }
        case "aibot_event_callback" -> {
          if ("disconnected_event"
              .equals(json.path("body").path("event").path("eventtype").asString(""))) {
            log.warn(
                "WeCom stream bot {}: a newer connection of this bot displaced this one", bot.id());
            live.remove(bot.id(), connection);
            link.displaced();
            out.close();
          }
          return Mono.empty();
        }
        case "" -> {
          return answer(reqId, json);
        }
        default -> {
          return Mono.empty();
        }
      }
    }

    private Mono<Void> answer(String reqId, JsonNode json) {
      if (reqId.equals(subscribeId)) {
        int code = json.path("errcode").asInt(-1);
        if (code != 0) {
          // the Secret is not in the answer: errcode and errmsg only
          log.warn(
              "WeCom stream bot {}: subscription refused: errcode {} {}",
              bot.id(),
              code,
              json.path("errmsg").asString(""));
          return Mono.error(
              new SubscribeRefused(
                  "WeCom refused the subscription of smart bot "
                      + bot.id()
                      + ": errcode "
                      + code
                      + " "
                      + json.path("errmsg").asString("")));
        }
        live.put(bot.id(), connection);
        link.connected();
        return Mono.empty();
      }
      if (!reqId.startsWith(SmartBotFrames.PING + "_") && !connection.answered(reqId, json)) {
        log.debug("WeCom stream bot {}: an answer nobody waits for was ignored", bot.id());
      }
      return Mono.empty();
    }

    private Mono<Void> message(String reqId, JsonNode body) {
      return Mono.fromCallable(
              () -> {
                if (reqId.isEmpty() || !body.isObject()) {
                  throw new CallbackRejected(
                      CallbackRejected.Reason.MALFORMED, "message frame without req_id or body");
                }
                NewInboundMessage message =
                    WeComMessages.normalise(bot.kind(), bot.id(), http.write(body), clock.instant())
                        .withSenderCorpIfAbsent(bot.corpId());
                return message.withReplyUrl(replyUrl(reqId), null);
              })
          .flatMap(inbound::store)
          .then()
          .onErrorResume(
              CallbackRejected.class,
              e -> {
                log.warn("WeCom stream bot {}: refused a message: {}", bot.id(), e.getMessage());
                return Mono.empty();
              })
          .onErrorResume(
              e -> {
                // no acknowledgement exists on this connection and WeCom documents no redelivery
                log.error(
                    "WeCom stream bot {}: a message could not be stored and is lost: {}",
                    bot.id(),
                    e.toString());
                return Mono.empty();
              });
    }
  }

  /** WeCom refused the bot's subscription (wrong Bot ID or Secret): backoff, then try again. */
  static final class SubscribeRefused extends RuntimeException {
    SubscribeRefused(String message) {
      super(message, null, false, false);
    }
  }
}
