package io.duban.chat;

import io.duban.system.DomainException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A platform callback refused before anything was stored: answered with its reason's status and the
 * reason's name as error code, counted in {@code duban.inbound.rejected} (tag {@code reason}) and
 * logged by path only. The message is safe to show to the caller and to log: it never contains a
 * secret or the request body.
 */
public final class CallbackRejected extends DomainException {

  private static final Logger log = LoggerFactory.getLogger(CallbackRejected.class);

  /** Why a callback was refused; decides the HTTP status and the metric tag. */
  public enum Reason {
    BAD_SIGNATURE(HttpStatus.UNAUTHORIZED),
    BAD_TOKEN(HttpStatus.UNAUTHORIZED),
    STALE_TIMESTAMP(HttpStatus.UNAUTHORIZED),
    /** A signature that does not cover the body, already used with another body. */
    REPLAYED(HttpStatus.UNAUTHORIZED),
    RECEIVE_ID_MISMATCH(HttpStatus.UNAUTHORIZED),
    UNKNOWN_BOT(HttpStatus.NOT_FOUND),
    MALFORMED(HttpStatus.BAD_REQUEST),
    BAD_PADDING(HttpStatus.BAD_REQUEST),
    XML_DOCTYPE(HttpStatus.BAD_REQUEST),
    TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE);

    private final HttpStatus status;

    Reason(HttpStatus status) {
      this.status = status;
    }

    public HttpStatus status() {
      return status;
    }

    /** Lower-case name used as the {@code reason} metric tag. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  public CallbackRejected(Reason reason, String message) {
    // callbacks with bad signatures arrive by the thousand: no stack trace
    super(reason.status(), reason.name(), message, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public void answered(ServerHttpRequest request, MeterRegistry meters) {
    meters.counter("duban.inbound.rejected", "reason", reason.tag()).increment();
    log.warn(
        "Refused callback {} {}: {} ({})",
        request.getMethod(),
        request.getPath().value(),
        reason.tag(),
        getMessage());
  }
}
