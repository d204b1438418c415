package io.duban.report;

import io.duban.chat.ChatType;
import io.duban.chat.InboundMessage;
import io.duban.chat.MessageKind;
import io.duban.chat.Platform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Test beans for the conversation: a clock tests move, and a reply sender that keeps replies. */
@TestConfiguration(proxyBeanMethods = false)
class ConversationFixture {

  /** Wednesday 2024-06-05 10:00 in Shanghai, ISO week 2024-W23. */
  static final Instant START = Instant.parse("2024-06-05T02:00:00Z");

  private static final AtomicLong ids = new AtomicLong(1_000_000_000L);

  @Bean
  @Primary
  MovableClock movableClock() {
    return new MovableClock(START);
  }

  /**
   * Registers the chats these tests speak in, since a user id is trusted only in its unit's chats:
   * {@code wrkGroup} of {@code kjj-robot} for every unit, and the smart bot's {@code
   * wrkSmartPlatforms} for the platforms unit. After the units are loaded (at application ready).
   */
  @Bean
  org.springframework.context.ApplicationListener<
          org.springframework.boot.context.event.ApplicationReadyEvent>
      testChats(org.springframework.r2dbc.core.DatabaseClient db) {
    return ready ->
        db.sql(
                "insert into group_chat (unit_code, platform, bot_id, chat_id, name)"
                    + " select code, 'WECOM', 'kjj-robot', 'wrkGroup', '测试群' from unit"
                    + " union all select code, 'WECOM', 'wecom-smart', 'wrkSmartPlatforms',"
                    + " '智能机器人测试群' from unit where code = 'platforms'"
                    + " on conflict do nothing")
            .then()
            .block(Duration.ofSeconds(10));
  }

  @Bean
  @Primary
  RecordingReplySender recordingReplySender() {
    return new RecordingReplySender();
  }

  static InboundMessage message(
      Platform platform, String sender, String chat, String text, Instant at) {
    long id = ids.incrementAndGet();
    return new InboundMessage(
        id,
        platform,
        "kjj-robot",
        "msg-" + id,
        chat,
        ChatType.GROUP,
        sender,
        null,
        MessageKind.TEXT,
        text,
        at,
        null,
        null);
  }

  /** A clock the test sets and moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("Asia/Shanghai");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Keeps every reply instead of sending it. */
  static final class RecordingReplySender implements ReplySender {
    record Sent(InboundMessage source, String text, String dedupeKey) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Sinks.Many<Sent> events = Sinks.many().replay().all();

    @Override
    public Mono<Void> reply(InboundMessage source, String text, String dedupeKey) {
      return Mono.fromRunnable(
          () -> {
            Sent reply = new Sent(source, text, dedupeKey);
            sent.add(reply);
            synchronized (events) {
              events.tryEmitNext(reply);
            }
          });
    }

    /** Every reply so far and from now on. */
    Flux<Sent> events() {
      return events.asFlux();
    }

    List<String> texts() {
      return sent.stream().map(Sent::text).toList();
    }
  }
}
