package io.duban.delivery;

import io.duban.chat.ChatType;
import io.duban.chat.Destination;
import io.duban.chat.InboundMessage;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.PressedCards;
import io.duban.chat.ReplyUrls;
import io.duban.delivery.OutboxRepository.NewMessage;
import io.duban.report.ReplySender;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one way out: every outbound message, replies included, is written here first and sent by the
 * {@link OutboxDispatcher}. A dedupe key is queued at most once, so it is sent at most once. How a
 * platform is reached, how long its messages may be and which rate bucket they share, each
 * platform's {@link io.duban.chat.PlatformSender} decides.
 */
@Service
public class Outbox implements ReplySender {

  /** The key of a transaction's replies waiting for its commit. */
  private static final Object REPLIES = new Object();

  private final OutboxRepository repository;
  private final PlatformSenders senders;
  private final ReplyUrls replyUrls;
  private final Clock clock;
  private final OutboxWakeUp wakeUp;
  private final PressedCards pressedCards;
  private final OutboxDispatcher dispatcher;

  Outbox(
      OutboxRepository repository,
      PlatformSenders senders,
      ReplyUrls replyUrls,
      Clock clock,
      OutboxWakeUp wakeUp,
      PressedCards pressedCards,
      OutboxDispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.wakeUp = wakeUp;
    this.pressedCards = pressedCards;
    this.repository = repository;
    this.senders = senders;
    this.replyUrls = replyUrls;
    this.clock = clock;
  }

  /**
   * What one {@link #enqueueTracked} did.
   *
   * @param keys the dedupe keys newly queued (a long text's parts each have one); empty when the
   *     message was queued before
   * @param refusal why the destination cannot be reached at all (an unknown bot, a platform without
   *     a sender), empty when it can; the dispatcher's first attempt will find it so and mark the
   *     message DEAD, for an admin to see and redrive
   */
  public record Enqueued(List<String> keys, String refusal) {

    public Enqueued {
      keys = List.copyOf(keys);
      refusal = refusal == null ? "" : refusal;
    }

    /** Whether the message was newly queued and cannot be delivered. */
    public boolean refused() {
      return !keys.isEmpty() && !refusal.isEmpty();
    }
  }

  /**
   * Queues {@code message} for {@code destination}. A text longer than the platform takes is split
   * on line boundaries into parts keyed {@code dedupeKey}, {@code dedupeKey#2}, ... Emits the
   * number of parts newly queued (0 when the key was queued before).
   */
  public Mono<Integer> enqueue(Destination destination, OutboundMessage message, String dedupeKey) {
    return repository
        .insertAll(parts(destination, message, dedupeKey), clock.instant())
        .flatMap(queued -> wakeUp.wakeAfterCommit().thenReturn(queued.intValue()));
  }

  /**
   * As {@link #enqueue}, saying which keys were newly queued and whether the destination can be
   * reached at all, so a caller can report what was queued and what failed; {@link
   * OutboxReader#deliveries} tells later what came of the keys.
   */
  public Mono<Enqueued> enqueueTracked(
      Destination destination, OutboundMessage message, String dedupeKey) {
    List<NewMessage> rows = parts(destination, message, dedupeKey);
    String refusal = senders.refusal(destination).orElse("");
    return repository
        .insertAllKeys(rows, clock.instant())
        .flatMap(keys -> wakeUp.wakeAfterCommit().thenReturn(new Enqueued(keys, refusal)));
  }

  /** One message of {@link #enqueueAllTracked}: where it goes, what it says, its once-only key. */
  public record Queued(Destination destination, OutboundMessage message, String dedupeKey) {}

  /**
   * Rows per statement of {@link #enqueueAllTracked}: eight parameters a row keeps a statement far
   * below PostgreSQL's 65,535, and a fire to 2,000 units takes four statements instead of 2,000.
   */
  static final int ROWS_PER_INSERT = 500;

  /**
   * As {@link #enqueueTracked} for many messages at once (a scheduled fire's), with a few multi-row
   * inserts instead of one per message; emits one {@link Enqueued} per message, in order. A key
   * queued before, or by an earlier message of the list, is not queued again.
   */
  public Mono<List<Enqueued>> enqueueAllTracked(List<Queued> messages) {
    List<List<NewMessage>> rows =
        messages.stream().map(m -> parts(m.destination(), m.message(), m.dedupeKey())).toList();
    List<NewMessage> all = rows.stream().flatMap(List::stream).toList();
    Instant now = clock.instant();
    return Flux.fromIterable(chunks(all))
        .concatMap(chunk -> repository.insertAllKeys(chunk, now))
        .collect(java.util.HashSet<String>::new, java.util.Set::addAll)
        .flatMap(
            fresh ->
                wakeUp
                    .wakeAfterCommit()
                    .thenReturn(
                        IntStream.range(0, messages.size())
                            .mapToObj(
                                i ->
                                    new Enqueued(
                                        rows.get(i).stream()
                                            .map(NewMessage::dedupeKey)
                                            // a key named twice is the first message's
                                            .filter(fresh::remove)
                                            .toList(),
                                        senders.refusal(messages.get(i).destination()).orElse("")))
                            .toList()));
  }

  private static List<List<NewMessage>> chunks(List<NewMessage> rows) {
    List<List<NewMessage>> chunks = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
      chunks.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT)));
    }
    return chunks;
  }

  /** The message as queued: one row per part, keyed {@code key}, {@code key#2}, ... */
  private List<NewMessage> parts(Destination destination, OutboundMessage message, String key) {
    // a destination that renders no cards gets the text, which says what to type instead
    OutboundMessage shown = senders.carriesButtons(destination) ? message : message.withoutButton();
    List<OutboundMessage> parts = split(destination.platform(), shown);
    String rateKey = senders.rateKey(destination);
    return IntStream.range(0, parts.size())
        .mapToObj(
            i ->
                new NewMessage(
                    i == 0 ? key : key + "#" + (i + 1), destination, rateKey, parts.get(i)))
        .toList();
  }

  /**
   * How Duban reaches a group chat of a bot: through the platform's message API when the bot has
   * app credentials and the chat id is known, else through the bot's group robot webhook; the
   * platform's sender decides.
   */
  public Destination groupDestination(Platform platform, String botId, String chatId) {
    return senders.groupDestination(platform, botId, chatId);
  }

  /**
   * Where a card with a button reaches {@code userIds} one to one through the bot, for a platform
   * whose group chats cannot carry the button (a WeCom app); empty when the bot cannot.
   */
  public Optional<Destination> cardsToPeople(
      Platform platform, String botId, List<String> userIds) {
    return senders.cardsToPeople(platform, botId, userIds);
  }

  /** Whether {@code destination} renders a message's button as a card pressed back to the bot. */
  public boolean carriesButtons(Destination destination) {
    return senders.carriesButtons(destination);
  }

  /**
   * Answers {@code source}: on the URL the platform gave with it while that is valid, else to its
   * chat through the bot.
   */
  @Override
  public Mono<Void> reply(InboundMessage source, String text, String dedupeKey) {
    return queue(parts(replyDestination(source), OutboundMessage.text(text, List.of()), dedupeKey));
  }

  /**
   * Updates the card {@code press} was pressed on, through the outbox like any message, queued with
   * the press's answer (at the commit of the transaction that handled it).
   */
  @Override
  public Mono<Void> updateCard(InboundMessage press, String title, String text, String dedupeKey) {
    return pressedCards
        .of(press)
        .flatMap(card -> queue(parts(card, OutboundMessage.markdown(title, text), dedupeKey)));
  }

  /** Queues {@code rows} at the commit of the current transaction, or now outside one. */
  private Mono<Void> queue(List<NewMessage> rows) {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .filter(TransactionSynchronizationManager::isSynchronizationActive)
        .map(
            transaction -> {
              queuedAtCommit(transaction).addAll(rows);
              return true;
            })
        .onErrorResume(NoTransactionException.class, e -> Mono.just(false))
        .defaultIfEmpty(false)
        .flatMap(
            deferred ->
                deferred
                    ? Mono.empty()
                    : repository
                        .insertAll(rows, clock.instant())
                        .then(Mono.fromRunnable(wakeUp::wake)));
  }

  /**
   * The replies of a transaction, queued by one statement just before it commits: the message path
   * handles a batch of messages in one transaction and answers each, and one multi-row insert costs
   * about what one single-row insert does. A reply is queued with what it answers or not at all.
   * While the dispatcher runs here, the transaction also claims the replies that may go at once and
   * they are sent as soon as it has committed ({@link OutboxDispatcher#queueAtCommit}); the others
   * wait for a round.
   */
  private List<NewMessage> queuedAtCommit(TransactionSynchronizationManager transaction) {
    @SuppressWarnings("unchecked")
    List<NewMessage> pending = (List<NewMessage>) transaction.getResource(REPLIES);
    if (pending != null) {
      return pending;
    }
    List<NewMessage> created = new ArrayList<>();
    transaction.bindResource(REPLIES, created);
    transaction.registerSynchronization(
        new TransactionSynchronization() {
          private volatile OutboxDispatcher.AtCommit claimed;

          @Override
          public Mono<Void> beforeCommit(boolean readOnly) {
            return Mono.defer(
                () -> {
                  List<NewMessage> rows = List.copyOf(created);
                  Instant now = clock.instant();
                  if (!dispatcher.sendsAtCommit()) {
                    return repository.insertAll(rows, now).then();
                  }
                  return dispatcher
                      .queueAtCommit(rows, now)
                      .doOnNext(queued -> claimed = queued)
                      .then();
                });
          }

          @Override
          public Mono<Void> afterCommit() {
            return Mono.fromRunnable(
                () -> {
                  if (claimed != null) {
                    dispatcher.sendAtCommit(claimed);
                  } else {
                    // the replies are visible to the dispatcher now, not at its next poll
                    wakeUp.wake();
                  }
                });
          }

          @Override
          public Mono<Void> afterCompletion(int status) {
            return Mono.fromRunnable(() -> transaction.unbindResourceIfPossible(REPLIES));
          }
        });
    return created;
  }

  Destination replyDestination(InboundMessage source) {
    boolean urlValid =
        source.replyUrl() != null
            && !source.replyUrl().isBlank()
            && (source.replyUrlExpiresAt() == null
                || clock.instant().isBefore(source.replyUrlExpiresAt()));
    // a reply URL is the sender's word: only on the bot's own hosts, else the bot answers itself
    if (urlValid && replyUrls.usable(source.platform(), source.botId(), source.replyUrl())) {
      return new Destination(
          source.platform(), source.botId(), Destination.Channel.REPLY_URL, source.replyUrl());
    }
    if (source.chatType() == ChatType.SINGLE) {
      return new Destination(
          source.platform(), source.botId(), Destination.Channel.USER, source.senderId());
    }
    return groupDestination(source.platform(), source.botId(), source.chatId());
  }

  private List<OutboundMessage> split(Platform platform, OutboundMessage message) {
    int maxBytes = senders.maxBytes(platform, message.format());
    if (maxBytes == 0) {
      return List.of(message);
    }
    // Mentions ride on the first part only, so people are called once; a button on the last,
    // under all the text it answers.
    List<String> texts = TextSplitter.split(message.text(), maxBytes - 256);
    return IntStream.range(0, texts.size())
        .mapToObj(
            i ->
                new OutboundMessage(
                    message.format(),
                    message.title(),
                    texts.get(i),
                    i == 0 ? message.mentions() : List.of(),
                    i == texts.size() - 1 ? message.button() : null))
        .toList();
  }
}
