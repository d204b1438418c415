package io.duban.delivery;

import io.duban.chat.ChatProperties;
import io.duban.chat.InboundMessage;
import io.duban.chat.Platform;
import io.duban.report.ReplySender;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one way out: every outbound message, replies included, is written here first and sent by the
 * {@link OutboxDispatcher}. A dedupe key is queued at most once, so it is sent at most once.
 */
@Service
public class Outbox implements ReplySender {

  private final OutboxRepository repository;
  private final PlatformSenders senders;
  private final ChatProperties chat;
  private final Clock clock;

  Outbox(OutboxRepository repository, PlatformSenders senders, ChatProperties chat, Clock clock) {
    this.repository = repository;
    this.senders = senders;
    this.chat = chat;
    this.clock = clock;
  }

  /**
   * Queues {@code message} for {@code destination}. A text longer than the platform takes is split
   * on line boundaries into parts keyed {@code dedupeKey}, {@code dedupeKey#2}, ... Emits the
   * number of parts newly queued (0 when the key was queued before).
   */
  public Mono<Integer> enqueue(Destination destination, OutboundMessage message, String dedupeKey) {
    List<OutboundMessage> parts = split(destination.platform(), message);
    return Flux.range(0, parts.size())
        .concatMap(
            i ->
                repository.insert(
                    i == 0 ? dedupeKey : dedupeKey + "#" + (i + 1),
                    destination,
                    parts.get(i),
                    clock.instant()))
        .filter(Boolean::booleanValue)
        .count()
        .map(Long::intValue);
  }

  /**
   * How Duban reaches a group chat of a bot: through the platform's message API when the bot has
   * app credentials and the chat id is known, else through the bot's group robot webhook.
   */
  public Destination groupDestination(Platform platform, String botId, String chatId) {
    boolean hasChat = chatId != null && !chatId.isBlank();
    boolean viaApi =
        switch (platform) {
          case WECOM ->
              chat.wecomBot(botId)
                  .map(b -> b.webhookKey() == null && b.corpSecret() != null)
                  .orElse(false);
          case DINGTALK -> chat.dingtalkBot(botId).map(b -> b.appSecret() != null).orElse(false);
          case FEISHU -> chat.feishuBot(botId).map(b -> b.appSecret() != null).orElse(false);
          case GENERIC -> true;
        };
    return hasChat && viaApi
        ? Destination.chat(platform, botId, chatId)
        : Destination.webhook(platform, botId);
  }

  /**
   * Answers {@code source}: on the URL the platform gave with it while that is valid, else to its
   * chat through the bot.
   */
  @Override
  public Mono<Void> reply(InboundMessage source, String text, String dedupeKey) {
    return enqueue(replyDestination(source), OutboundMessage.text(text, List.of()), dedupeKey)
        .then();
  }

  Destination replyDestination(InboundMessage source) {
    boolean urlValid =
        source.replyUrl() != null
            && !source.replyUrl().isBlank()
            && (source.replyUrlExpiresAt() == null
                || clock.instant().isBefore(source.replyUrlExpiresAt()));
    if (urlValid) {
      return new Destination(
          source.platform(), source.botId(), Destination.Channel.REPLY_URL, source.replyUrl());
    }
    if (source.chatType() == io.duban.chat.ChatType.SINGLE) {
      return new Destination(
          source.platform(), source.botId(), Destination.Channel.USER, source.senderId());
    }
    return groupDestination(source.platform(), source.botId(), source.chatId());
  }

  private List<OutboundMessage> split(Platform platform, OutboundMessage message) {
    PlatformSender sender = senders.get(platform);
    if (sender == null || message.format() == OutboundMessage.Format.IMAGE) {
      return List.of(message);
    }
    // Mentions ride on the first part only, so people are called once.
    List<String> texts =
        TextSplitter.split(message.text(), sender.maxBytes(message.format()) - 256);
    return java.util.stream.IntStream.range(0, texts.size())
        .mapToObj(
            i ->
                new OutboundMessage(
                    message.format(),
                    message.title(),
                    texts.get(i),
                    i == 0 ? message.mentions() : List.of()))
        .toList();
  }
}
