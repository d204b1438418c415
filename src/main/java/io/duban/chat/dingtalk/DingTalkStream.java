package io.duban.chat.dingtalk;

import io.duban.chat.CallbackJson;
import io.duban.chat.CallbackRejected;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.DingTalkBot;
import io.duban.chat.ChatProperties.Mode;
import io.duban.chat.InboundStore;
import io.duban.chat.Platform;
import io.duban.chat.PlatformHttp;
import io.duban.chat.stream.StreamConnector;
import io.duban.chat.stream.StreamLink;
import io.duban.chat.stream.StreamSocket;
import io.duban.chat.stream.StreamSocket.Frame;
import io.duban.chat.stream.StreamSocket.Outbound;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * DingTalk Stream mode, written on Reactor Netty's WebSocket client ({@link StreamSocket}) rather
 * than the official {@code app-stream-client}: that SDK does not resolve from this build's Maven
 * repository, and it would not fit anyway: its listeners answer synchronously on its own Netty
 * threads (an ACK is sent when the listener returns, so storing would have to block there) and it
 * reconnects by itself, beside the lease that must decide who connects. The frames are the SDK's
 * (see {@link DingTalkStreamFrames}).
 *
 * <p>Each connection starts with {@code POST {api-base-url}/v1.0/gateway/connections/open}
 * (clientId = AppKey, clientSecret = AppSecret, the robot message topic) for a fresh endpoint and
 * ticket, then opens {@code endpoint?ticket=…}. A {@code SYSTEM ping} is answered with its own
 * data; a robot message is normalised exactly as its HTTP form ({@link DingTalkMessages#robot}, so
 * the same {@code msgId} dedupe key), stored, and acknowledged only once the row is committed; a
 * message that could not be stored is left unacknowledged, so DingTalk delivers it again.
 */
@Component
class DingTalkStream implements StreamConnector {

  private static final Logger log = LoggerFactory.getLogger(DingTalkStream.class);

  private final ChatProperties properties;
  private final PlatformHttp http;
  private final StreamSocket socket;
  private final InboundStore inbound;
  private final Clock clock;

  DingTalkStream(
      ChatProperties properties,
      PlatformHttp http,
      StreamSocket socket,
      InboundStore inbound,
      Clock clock) {
    this.properties = properties;
    this.http = http;
    this.socket = socket;
    this.inbound = inbound;
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.DINGTALK;
  }

  @Override
  public List<String> streamBots() {
    return properties.dingtalk().stream()
        .filter(bot -> bot.mode() == Mode.STREAM)
        .map(DingTalkBot::id)
        .toList();
  }

  @Override
  public Mono<Void> connect(String botId, StreamLink link) {
    DingTalkBot bot = properties.dingtalkBot(botId).orElseThrow();
    return open(bot)
        .flatMap(uri -> socket.open(uri, (frame, out) -> handle(bot, frame, out), link));
  }

  /** A fresh endpoint and ticket; the AppSecret goes in the body only, never in a log line. */
  private Mono<URI> open(DingTalkBot bot) {
    return http.post(
            bot.apiBaseUrl() + DingTalkStreamFrames.OPEN_PATH,
            Map.of("Accept", "application/json"),
            DingTalkStreamFrames.openRequest(
                bot.appKey(), bot.appSecret(), DingTalkCards.sends(bot)))
        .map(
            response -> {
              String endpoint = CallbackJson.text(response.body(), "endpoint");
              String ticket = CallbackJson.text(response.body(), "ticket");
              if (!response.ok() || endpoint == null || ticket == null) {
                throw new IllegalStateException(
                    "DingTalk refused to open a stream connection for bot "
                        + bot.id()
                        + ": HTTP "
                        + response.status()
                        + " "
                        + CallbackJson.text(response.body(), "code"));
              }
              String separator = endpoint.contains("?") ? "&" : "?";
              return URI.create(endpoint + separator + "ticket=" + PlatformHttp.encode(ticket));
            });
  }

  private Mono<Void> handle(DingTalkBot bot, Frame frame, Outbound out) {
    if (frame.binary()) {
      return Mono.empty();
    }
    DingTalkStreamFrames.Pushed pushed;
    try {
      pushed = DingTalkStreamFrames.Pushed.parse(frame.text());
    } catch (CallbackRejected e) {
      log.warn("DingTalk stream bot {}: a frame that is not JSON was ignored", bot.id());
      return Mono.empty();
    }
    if (pushed.system("ping")) {
      out.text(DingTalkStreamFrames.ok(pushed, pushed.data()));
      return Mono.empty();
    }
    if (pushed.system("disconnect")) {
      // DingTalk closes this connection shortly; the supervisor then opens a fresh one
      log.info("DingTalk stream bot {}: the platform announced a disconnect", bot.id());
      return Mono.empty();
    }
    if ("CALLBACK".equals(pushed.type())
        && DingTalkStreamFrames.BOT_MESSAGE_TOPIC.equals(pushed.topic())) {
      return robotMessage(bot, pushed, out);
    }
    if ("CALLBACK".equals(pushed.type())
        && DingTalkCards.CALLBACK_TOPIC.equals(pushed.topic())
        && DingTalkCards.sends(bot)) {
      return cardPress(bot, pushed, out);
    }
    if ("CALLBACK".equals(pushed.type())) {
      out.text(DingTalkStreamFrames.error(pushed, 404, "topic not subscribed"));
    }
    return Mono.empty();
  }

  /**
   * A card callback: a 签收 button's press is stored as the command it stands for (the same path as a
   * typed {@code 签收 CODE}) and acknowledged once committed; any other press is acknowledged and
   * dropped, a press that could not be stored is left for DingTalk to deliver again.
   */
  private Mono<Void> cardPress(DingTalkBot bot, DingTalkStreamFrames.Pushed pushed, Outbound out) {
    return Mono.fromCallable(
            () ->
                java.util.Optional.ofNullable(
                    DingTalkCards.pressed(
                        bot.id(), pushed.data() == null ? "" : pushed.data(), clock.instant())))
        .flatMap(
            press ->
                press.isEmpty()
                    ? Mono.fromCallable(() -> dropped(bot))
                    : inbound.store(press.get()).thenReturn(true))
        .doOnNext(
            done -> out.text(DingTalkStreamFrames.ok(pushed, DingTalkStreamFrames.cardAnswer())))
        .then()
        .onErrorResume(
            CallbackRejected.class,
            e -> {
              log.warn(
                  "DingTalk stream bot {}: refused a card callback: {}", bot.id(), e.getMessage());
              out.text(DingTalkStreamFrames.error(pushed, 400, e.getMessage()));
              return Mono.empty();
            })
        .onErrorResume(
            e -> {
              log.warn(
                  "DingTalk stream bot {}: a card press was not stored, left unacknowledged: {}",
                  bot.id(),
                  e.toString());
              return Mono.empty();
            });
  }

  /**
   * A card callback that is no 签收 press: acknowledged all the same, and said (a template fault).
   */
  private static boolean dropped(DingTalkBot bot) {
    log.info(
        "DingTalk stream bot {}: a card callback without a 签收 action and group was dropped",
        bot.id());
    return true;
  }

  private Mono<Void> robotMessage(
      DingTalkBot bot, DingTalkStreamFrames.Pushed pushed, Outbound out) {
    return Mono.fromCallable(
            () ->
                DingTalkMessages.robot(
                    bot.id(), pushed.data() == null ? "" : pushed.data(), clock.instant()))
        .flatMap(inbound::store)
        .doOnNext(
            stored ->
                out.text(DingTalkStreamFrames.ok(pushed, DingTalkStreamFrames.callbackAnswer())))
        .then()
        .onErrorResume(
            CallbackRejected.class,
            e -> {
              log.warn(
                  "DingTalk stream bot {}: refused a robot message: {}", bot.id(), e.getMessage());
              out.text(DingTalkStreamFrames.error(pushed, 400, e.getMessage()));
              return Mono.empty();
            })
        .onErrorResume(
            e -> {
              // not acknowledged: DingTalk delivers it again, as a callback answered 500 would be
              log.warn(
                  "DingTalk stream bot {}: a robot message was not stored, left unacknowledged: {}",
                  bot.id(),
                  e.toString());
              return Mono.empty();
            });
  }
}
