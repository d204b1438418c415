package io.duban.digest;

import io.duban.system.ServiceProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Digest charts at a public, unguessable URL ({@code <duban.public-base-url>/charts/<id>.png}) for
 * chats that show an image only by link: DingTalk robots and Feishu custom bots cannot upload one.
 */
@Component
class PublishedCharts {

  private static final Logger log = LoggerFactory.getLogger(PublishedCharts.class);
  static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private final DatabaseClient db;
  private final String baseUrl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final AtomicBoolean warned = new AtomicBoolean();

  PublishedCharts(DatabaseClient db, ServiceProperties service, Clock clock) {
    this.db = db;
    this.baseUrl = service.publicUrl("/charts/").orElse("");
    this.clock = clock;
  }

  /**
   * Publishes the chart of {@code period} (once: a second call gives the first chart's URL) and
   * emits its absolute URL; empty when {@code duban.public-base-url} is not set, since no chat
   * could open a link to this host then.
   */
  Mono<String> publish(String period, byte[] png) {
    if (baseUrl.isEmpty()) {
      if (warned.compareAndSet(false, true)) {
        log.warn(
            "Digest charts for DingTalk and Feishu webhook groups need a public link: set"
                + " duban.public-base-url (DUBAN_PUBLIC_BASE_URL); those groups get the digest"
                + " text only");
      }
      return Mono.empty();
    }
    byte[] id = new byte[16];
    random.nextBytes(id);
    return db.sql(
            "insert into digest_chart (id, period, png, published_at)"
                + " values (:id, :period, :png, :at) on conflict (period) do nothing")
        .bind("id", HexFormat.of().formatHex(id))
        .bind("period", period)
        .bind("png", png)
        .bind("at", clock.instant().atOffset(ZoneOffset.UTC))
        .then()
        .then(
            db.sql("select id from digest_chart where period = :period")
                .bind("period", period)
                .map(r -> r.get("id", String.class))
                .one())
        .map(stored -> baseUrl + stored + ".png");
  }

  /** The PNG published under {@code id}; empty for an unknown or malformed id. */
  Mono<byte[]> png(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Mono.empty();
    }
    return db.sql("select png from digest_chart where id = :id")
        .bind("id", id)
        .map(r -> r.get("png", byte[].class))
        .one();
  }
}
