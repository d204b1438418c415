package io.duban.chat.generic;

import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.GenericBot;
import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.PlatformAnswers;
import io.duban.chat.PlatformHttp;
import io.duban.chat.PlatformSender;
import io.duban.chat.RateLimit;
import io.duban.chat.SendFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generic bots: a JSON POST to the bot's outbound URL, signed the way inbound generic webhooks are
 * ({@code X-Duban-Timestamp}, {@code X-Duban-Signature}). A bot without an outbound URL keeps its
 * messages in the outbox only, where the chat simulator reads them. No rate limit.
 */
@Component
final class GenericSender implements PlatformSender {

  private static final PlatformAnswers ANSWERS = new PlatformAnswers("generic", "", "", Set.of());

  private final ChatProperties chat;
  private final PlatformHttp http;
  private final Clock clock;

  GenericSender(ChatProperties chat, PlatformHttp http, Clock clock) {
    this.chat = chat;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.GENERIC;
  }

  @Override
  public int maxBytes(OutboundMessage.Format format) {
    return 65536;
  }

  @Override
  public RateLimit rateLimit() {
    return RateLimit.NONE;
  }

  /** A generic bot reaches every chat by its id. */
  @Override
  public Destination groupDestination(String botId, String chatId) {
    return Destination.group(Platform.GENERIC, botId, chatId, true);
  }

  @Override
  public Mono<Void> send(Destination destination, OutboundMessage message) {
    return ANSWERS
        .bot(chat.genericBot(destination.botId()), destination.botId())
        .flatMap(bot -> send(bot, destination, message));
  }

  private Mono<Void> send(GenericBot bot, Destination destination, OutboundMessage message) {
    String url =
        destination.channel() == Destination.Channel.REPLY_URL
            ? destination.target()
            : bot.outboundUrl();
    if (url == null || url.isEmpty()) {
      return Mono.empty();
    }
    String body = http.write(body(bot, destination, message));
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    Map<String, String> headers =
        Map.of(
            "X-Duban-Timestamp",
            timestamp,
            "X-Duban-Signature",
            GenericSignature.sign(bot.secret(), timestamp, body.getBytes(StandardCharsets.UTF_8)));
    return http.post(url, headers, body)
        .flatMap(
            r ->
                r.ok()
                    ? Mono.<Void>empty()
                    : Mono.error(SendFailure.permanent("generic send failed: HTTP " + r.status())));
  }

  private ObjectNode body(GenericBot bot, Destination destination, OutboundMessage message) {
    ObjectNode body =
        http.object()
            .put("botId", bot.id())
            .put("channel", destination.channel().name())
            .put(
                "chatId",
                destination.channel() == Destination.Channel.REPLY_URL ? "" : destination.target())
            .put("format", message.format().name())
            .put("title", message.title())
            .put("text", message.text());
    ArrayNode mentions = body.putArray("mentions");
    message.mentions().forEach(mentions::add);
    return body;
  }
}
