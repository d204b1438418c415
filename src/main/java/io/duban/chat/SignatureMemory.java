package io.duban.chat;

import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@link ReplayGuard} on PostgreSQL ({@code callback_signature}), so every instance knows every
 * pair: one {@code INSERT … ON CONFLICT DO UPDATE … RETURNING} decides (it locks and returns the
 * earlier row under concurrency too), and expired rows are deleted at most once a minute per
 * instance, by the next callback.
 */
@Component
class SignatureMemory implements ReplayGuard {

  private static final Logger log = LoggerFactory.getLogger(SignatureMemory.class);
  private static final Duration CLEAN_EVERY = Duration.ofMinutes(1);

  private final DatabaseClient db;
  private final Clock clock;
  private final AtomicReference<Instant> lastCleaned = new AtomicReference<>(Instant.MIN);

  SignatureMemory(DatabaseClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Mono<Void> once(
      Platform platform,
      String botId,
      String signature,
      byte[] body,
      Instant sentAt,
      Duration window) {
    Instant now = clock.instant();
    Instant expires = expiry(now, sentAt, window);
    String bodyDigest = sha256(body);
    return cleanIfDue(now)
        .then(
            db.sql(
                    "INSERT INTO callback_signature (platform, bot_id, signature, body_digest,"
                        + " expires_at) VALUES (:platform, :bot, :signature, :body, :expires)"
                        + " ON CONFLICT (platform, bot_id, signature) DO UPDATE SET"
                        + " body_digest = CASE WHEN callback_signature.expires_at < :now"
                        + " THEN excluded.body_digest ELSE callback_signature.body_digest END,"
                        + " expires_at = greatest(callback_signature.expires_at,"
                        + " excluded.expires_at) RETURNING body_digest")
                .bind("platform", platform.name())
                .bind("bot", botId)
                .bind("signature", sha256(signature.getBytes(StandardCharsets.UTF_8)))
                .bind("body", bodyDigest)
                .bind("expires", utc(expires))
                .bind("now", utc(now))
                .map((Readable row) -> row.get("body_digest", String.class))
                .one())
        .flatMap(
            first ->
                first.equals(bodyDigest)
                    ? Mono.<Void>empty()
                    : Mono.error(
                        new CallbackRejected(
                            CallbackRejected.Reason.REPLAYED,
                            "signature already used for another body")));
  }

  /** Until the signed timestamp leaves its window, seen from either clock. */
  static Instant expiry(Instant now, Instant sentAt, Duration window) {
    if (window == null || window.isZero() || window.isNegative()) {
      return now.plus(MAX_WINDOW);
    }
    Instant latest = sentAt.isAfter(now) ? sentAt : now;
    return latest.plus(window);
  }

  private Mono<Void> cleanIfDue(Instant now) {
    Instant last = lastCleaned.get();
    if (now.isBefore(last.plus(CLEAN_EVERY)) || !lastCleaned.compareAndSet(last, now)) {
      return Mono.empty();
    }
    return forgetExpired(now)
        .doOnNext(n -> log.debug("Forgot {} expired callback signatures", n))
        // cleaning is upkeep: a failure must not refuse the callback
        .onErrorResume(
            e -> {
              log.warn("Could not delete expired callback signatures: {}", e.toString());
              return Mono.empty();
            })
        .then();
  }

  /** Deletes the signatures whose window ended before {@code now}; emits how many. */
  Mono<Long> forgetExpired(Instant now) {
    return db.sql("DELETE FROM callback_signature WHERE expires_at < :now")
        .bind("now", utc(now))
        .fetch()
        .rowsUpdated();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
