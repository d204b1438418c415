package io.duban.chat;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * A platform callback refused before anything was stored. The message is safe to show to the caller
 * and to log: it never contains a secret or the request body.
 */
public final class CallbackRejected extends RuntimeException {

  /** Why a callback was refused; decides the HTTP status and the metric tag. */
  public enum Reason {
    BAD_SIGNATURE(HttpStatus.UNAUTHORIZED),
    BAD_TOKEN(HttpStatus.UNAUTHORIZED),
    STALE_TIMESTAMP(HttpStatus.UNAUTHORIZED),
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
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
