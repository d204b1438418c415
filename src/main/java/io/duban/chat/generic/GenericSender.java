package io.duban.chat.generic;

import io.duban.chat.BotSender;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.GenericBot;
import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.PlatformAnswers;
import io.duban.chat.PlatformHttp;
import io.duban.chat.PlatformProfile;
import io.duban.chat.RateLimit;
import io.duban.chat.SendFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
record GenericSender(ChatProperties chat, PlatformHttp http, Clock clock)
    implements BotSender<GenericBot> {

  private static final PlatformAnswers ANSWERS = new PlatformAnswers("generic", "", "", Set.of());

  @Override
  public PlatformProfile profile() {
    return new PlatformProfile(Platform.GENERIC, "generic", 65536, 65536, RateLimit.NONE);
  }

  @Override
  public Mono<Void> webhook(GenericBot bot, OutboundMessage message) {
    return post(bot, bot.outboundUrl(), Destination.Channel.WEBHOOK, "", message);
  }

  @Override
  public Mono<Void> toChat(GenericBot bot, String chatId, OutboundMessage message) {
    return post(bot, bot.outboundUrl(), Destination.Channel.CHAT, chatId, message);
  }

  @Override
  public Mono<Void> toUsers(GenericBot bot, String userIds, OutboundMessage message) {
    return post(bot, bot.outboundUrl(), Destination.Channel.USER, userIds, message);
  }

  /** Signed with the bot's secret like every generic message, so the bot must be known. */
  @Override
  public Mono<Void> reply(
      Optional<GenericBot> bot, Destination destination, OutboundMessage message) {
    return known(bot, destination.botId())
        .flatMap(b -> post(b, destination.target(), Destination.Channel.REPLY_URL, "", message));
  }

  /** Posts to {@code url}; without one the message stays in the outbox only. */
  private Mono<Void> post(
      GenericBot bot,
      String url,
      Destination.Channel channel,
      String chatId,
      OutboundMessage message) {
    if (url == null || url.isEmpty()) {
      return Mono.empty();
    }
    String body = http.write(body(bot, channel, chatId, message));
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

  private ObjectNode body(
      GenericBot bot, Destination.Channel channel, String chatId, OutboundMessage message) {
    ObjectNode body =
        http.object()
            .put("botId", bot.id())
            .put("channel", channel.name())
            .put("chatId", chatId)
            .put("format", message.format().name())
            .put("title", message.title())
            .put("text", message.text());
    ArrayNode mentions = body.putArray("mentions");
    message.mentions().forEach(mentions::add);
    return body;
  }
}
