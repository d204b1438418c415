package io.duban.evidence;

import io.duban.chat.InboundMessageService;
import io.duban.chat.MediaTooLarge;
import io.duban.chat.ReceivedMedia;
import io.duban.evidence.EvidenceRepository.Pending;
import jakarta.annotation.PreDestroy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Downloads pending evidence from the platforms, away from the callback's request: a poll claims
 * due rows, downloads each through the platform's media API, checks its type by content and its
 * size, and stores it once per SHA-256. A failed download waits longer each time (up to {@code
 * max-retry-delay}) and is tried again; only a refused type or size ends it.
 */
@Component
class EvidenceDownloads {

  private static final Logger log = LoggerFactory.getLogger(EvidenceDownloads.class);

  /** How long a claim keeps other polls off a row while its download runs. */
  private static final Duration CLAIM = Duration.ofMinutes(2);

  private final EvidenceRepository evidence;
  private final ReceivedMedia media;
  private final InboundMessageService inbound;
  private final EvidenceReplies replies;
  private final EvidenceProperties properties;
  private final Clock clock;
  private Disposable poll;

  EvidenceDownloads(
      EvidenceRepository evidence,
      ReceivedMedia media,
      InboundMessageService inbound,
      EvidenceReplies replies,
      EvidenceProperties properties,
      Clock clock) {
    this.evidence = evidence;
    this.media = media;
    this.inbound = inbound;
    this.replies = replies;
    this.properties = properties;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    poll =
        Flux.interval(properties.pollInterval())
            .onBackpressureDrop()
            .concatMap(tick -> runOnce().onErrorResume(this::logged), 1)
            .subscribe();
  }

  @PreDestroy
  void stop() {
    if (poll != null) {
      poll.dispose();
    }
  }

  /** Tries every due download once; emits how many were tried. */
  Mono<Long> runOnce() {
    Instant now = clock.instant();
    return evidence.claimDue(now, now.plus(CLAIM), 20).concatMap(this::download).count();
  }

  private Mono<Void> download(Pending p) {
    return media
        .download(p.ref(), properties.maxBytes())
        .flatMap(bytes -> store(p, bytes))
        .onErrorResume(MediaTooLarge.class, e -> refuse(p, "文件超过 " + sizeLabel()))
        .onErrorResume(
            e -> !(e instanceof MediaTooLarge),
            e -> {
              Duration wait = backoff(p.attempts());
              log.warn(
                  "evidence {} download failed (attempt {}), again in {}: {}",
                  p.id(),
                  p.attempts(),
                  wait,
                  e.getMessage());
              return evidence.failed(
                  p.id(), String.valueOf(e.getMessage()), clock.instant().plus(wait));
            });
  }

  private Mono<Void> store(Pending p, byte[] bytes) {
    if (bytes.length > properties.maxBytes()) {
      return refuse(p, "文件超过 " + sizeLabel());
    }
    return ContentTypes.detect(bytes)
        .map(
            type -> {
              String name =
                  p.ref().fileName() != null
                      ? p.ref().fileName()
                      : "佐证材料-" + p.id() + "." + type.extension();
              return evidence
                  .stored(p.id(), sha256(bytes), type.mimeType(), bytes, name)
                  .then(
                      inbound
                          .find(p.inboundMessageId())
                          .flatMap(
                              m ->
                                  replies.stored(
                                      m,
                                      type.label(),
                                      p.itemCode(),
                                      (int) properties.attachWindow().toMinutes())));
            })
        .orElseGet(() -> refuse(p, "只接受图片（PNG、JPEG、GIF、WebP）和 PDF、Word、Excel 文件"));
  }

  private Mono<Void> refuse(Pending p, String why) {
    return evidence
        .refused(p.id(), why)
        .then(inbound.find(p.inboundMessageId()).flatMap(m -> replies.refused(m, why)));
  }

  private Duration backoff(int attempts) {
    Duration wait = Duration.ofSeconds(5L << Math.min(Math.max(attempts - 1, 0), 12));
    return wait.compareTo(properties.maxRetryDelay()) > 0 ? properties.maxRetryDelay() : wait;
  }

  /** The cap as people read it: {@code 10 MB}, or KB for a cap under a megabyte. */
  private String sizeLabel() {
    int max = properties.maxBytes();
    return max >= 1024 * 1024
        ? Math.round(max / (1024.0 * 1024)) + " MB"
        : Math.max(1, Math.round(max / 1024.0)) + " KB";
  }

  private Mono<Long> logged(Throwable e) {
    log.warn("evidence poll failed: {}", e.toString());
    return Mono.just(0L);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
