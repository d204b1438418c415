package io.duban.chat.feishu;

import io.duban.chat.CallbackJson;
import io.duban.chat.CallbackRejected;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.FeishuBot;
import io.duban.chat.ChatProperties.Mode;
import io.duban.chat.InboundStore;
import io.duban.chat.NewInboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.PlatformHttp;
import io.duban.chat.stream.StreamConnector;
import io.duban.chat.stream.StreamLink;
import io.duban.chat.stream.StreamProperties;
import io.duban.chat.stream.StreamSocket;
import io.duban.chat.stream.StreamSocket.Frame;
import io.duban.chat.stream.StreamSocket.Outbound;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Feishu's long connection, written on Reactor Netty ({@link StreamSocket}) as the official SDKs
 * describe it ({@code larksuite/oapi-sdk-go} {@code ws/client.go}, {@code ws/const.go}, {@code
 * ws/model.go}): {@code POST {api-base-url}/callback/ws/endpoint} with AppID and AppSecret gives
 * the WebSocket URL (its query names {@code service_id}) and a ClientConfig (PingInterval in
 * seconds); Duban sends a control frame {@code type=ping} at that interval (or its own heartbeat,
 * whichever is shorter), and a {@code pong} may carry a new ClientConfig. A data frame {@code
 * type=event} is put together from its {@code sum} parts ({@link FeishuFragments}), normalised as
 * its HTTP form ({@link FeishuMessages#normalise}, same dedupe key), stored, and answered with the
 * same frame carrying {@code {"code":200}} only after commit; one that could not be stored is not
 * answered, so Feishu pushes it again. Replies go through the message API as in callback mode.
 */
@Component
class FeishuStream implements StreamConnector {

  static final String ENDPOINT_PATH = "/callback/ws/endpoint";
  private static final Logger log = LoggerFactory.getLogger(FeishuStream.class);

  private final ChatProperties properties;
  private final StreamProperties stream;
  private final PlatformHttp http;
  private final StreamSocket socket;
  private final InboundStore inbound;
  private final Clock clock;

  FeishuStream(
      ChatProperties properties,
      StreamProperties stream,
      PlatformHttp http,
      StreamSocket socket,
      InboundStore inbound,
      Clock clock) {
    this.properties = properties;
    this.stream = stream;
    this.http = http;
    this.socket = socket;
    this.inbound = inbound;
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.FEISHU;
  }

  @Override
  public List<String> streamBots() {
    return properties.feishu().stream()
        .filter(bot -> bot.mode() == Mode.STREAM)
        .map(FeishuBot::id)
        .toList();
  }

  @Override
  public Mono<Void> connect(String botId, StreamLink link) {
    FeishuBot bot = properties.feishuBot(botId).orElseThrow();
    AtomicReference<Duration> interval = new AtomicReference<>(stream.heartbeat());
    return endpoint(bot, interval)
        .flatMap(
            uri -> {
              int service = serviceId(uri);
              FeishuFragments fragments = new FeishuFragments();
              StreamSocket.Handler handler =
                  new StreamSocket.Handler() {
                    @Override
                    public WebSocketFrame heartbeat() {
                      return new BinaryWebSocketFrame(
                          Unpooled.wrappedBuffer(FeishuFrame.ping(service).encode()));
                    }

                    @Override
                    public Mono<Void> onFrame(Frame frame, Outbound out) {
                      return handle(bot, frame, out, fragments, interval);
                    }
                  };
              return socket.open(uri, handler, link, interval::get);
            });
  }

  /** The WebSocket URL; the AppSecret goes in the body only, never in a log line. */
  private Mono<URI> endpoint(FeishuBot bot, AtomicReference<Duration> interval) {
    return http.post(
            bot.apiBaseUrl() + ENDPOINT_PATH,
            Map.of("locale", "zh"),
            CallbackJson.write(Map.of("AppID", bot.appId(), "AppSecret", bot.appSecret())))
        .map(
            response -> {
              JsonNode body = response.body();
              String url = CallbackJson.text(body, "data", "URL");
              if (!response.ok() || !"0".equals(CallbackJson.text(body, "code")) || url == null) {
                throw new IllegalStateException(
                    "Feishu refused a long connection endpoint for bot "
                        + bot.id()
                        + ": HTTP "
                        + response.status()
                        + " code "
                        + CallbackJson.text(body, "code"));
              }
              configure(body.path("data").path("ClientConfig"), interval);
              return URI.create(url);
            });
  }

  private void configure(JsonNode config, AtomicReference<Duration> interval) {
    long seconds = config.path("PingInterval").asLong(0);
    if (seconds > 0) {
      Duration asked = Duration.ofSeconds(seconds);
      interval.set(asked.compareTo(stream.heartbeat()) < 0 ? asked : stream.heartbeat());
    }
  }

  private static int serviceId(URI uri) {
    List<String> values =
        new QueryStringDecoder(uri).parameters().getOrDefault("service_id", List.of("0"));
    try {
      return Integer.parseInt(values.get(0));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Mono<Void> handle(
      FeishuBot bot,
      Frame frame,
      Outbound out,
      FeishuFragments fragments,
      AtomicReference<Duration> interval) {
    if (!frame.binary()) {
      return Mono.empty();
    }
    FeishuFrame pushed;
    try {
      pushed = FeishuFrame.decode(frame.bytes());
    } catch (IllegalArgumentException e) {
      log.warn("Feishu stream bot {}: a frame that is not pbbp2 was ignored", bot.id());
      return Mono.empty();
    }
    String type = pushed.header("type");
    if (pushed.method() == FeishuFrame.CONTROL) {
      if ("pong".equals(type) && pushed.payload() != null && pushed.payload().length > 0) {
        try {
          configure(CallbackJson.parse(pushed.payload()), interval);
        } catch (CallbackRejected e) {
          // a pong without a readable ClientConfig keeps the current one
        }
      }
      return Mono.empty();
    }
    if (!"event".equals(type)) {
      return Mono.empty();
    }
    byte[] whole = fragments.add(pushed);
    if (whole == null) {
      return Mono.empty();
    }
    long started = System.nanoTime();
    String plain = new String(whole, StandardCharsets.UTF_8);
    return Mono.fromCallable(() -> normalise(bot, plain))
        .flatMap(inbound::store)
        .doOnNext(stored -> out.binary(answer(pushed, 200, started)))
        .then()
        .onErrorResume(
            CallbackRejected.class,
            e -> {
              log.warn("Feishu stream bot {}: refused an event: {}", bot.id(), e.getMessage());
              out.binary(answer(pushed, 400, started));
              return Mono.empty();
            })
        .onErrorResume(
            e -> {
              log.warn(
                  "Feishu stream bot {}: an event was not stored, left unanswered: {}",
                  bot.id(),
                  e.toString());
              return Mono.empty();
            });
  }

  /**
   * The event as its HTTP form is normalised. Feishu's SDKs hand a long connection's payload to the
   * event handlers as it came, without decrypting ({@code EventDispatcher.doWithoutValidation} in
   * oapi-sdk-java, {@code Do} in oapi-sdk-go, which refuses an {@code encrypt} payload): the
   * platform sends it plain over the TLS connection the AppSecret opened. Should one come as {@code
   * {"encrypt": …}} all the same, it is decrypted with the bot's Encrypt Key as a callback is, and
   * stored decrypted.
   */
  private NewInboundMessage normalise(FeishuBot bot, String payload) {
    JsonNode json = CallbackJson.parse(payload);
    String encrypted = CallbackJson.text(json, "encrypt");
    if (encrypted == null) {
      return FeishuMessages.normalise(bot.id(), json, payload, clock.instant());
    }
    if (bot.encryptKey() == null || bot.encryptKey().isEmpty()) {
      throw new CallbackRejected(
          CallbackRejected.Reason.BAD_SIGNATURE, "encrypted event but no Encrypt Key");
    }
    String plain = new FeishuCrypto(bot.encryptKey()).decrypt(encrypted);
    return FeishuMessages.normalise(bot.id(), CallbackJson.parse(plain), plain, clock.instant());
  }

  /** The SDK's answer: the same frame, {@code biz_rt} added, payload {@code {"code":…}}. */
  private static byte[] answer(FeishuFrame pushed, int code, long started) {
    String payload = "{\"code\":" + code + ",\"headers\":null,\"data\":null}";
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    return pushed
        .answer(payload.getBytes(StandardCharsets.UTF_8), "biz_rt", Long.toString(millis))
        .encode();
  }
}
