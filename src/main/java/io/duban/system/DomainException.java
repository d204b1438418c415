package io.duban.system;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A refusal meant for the caller: it becomes the given HTTP status with the JSON body {@code
 * {"error": code, "message": message}}. The message must never contain secrets.
 */
public class DomainException extends RuntimeException {

  private final HttpStatus status;
  private final String code;

  public DomainException(HttpStatus status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /**
   * A refusal without a stack trace, for refusals so frequent or expected (a platform callback with
   * a bad signature) that filling one in would be waste.
   */
  protected DomainException(HttpStatus status, String code, String message, boolean stackTrace) {
    super(message, null, false, stackTrace);
    this.status = status;
    this.code = code;
  }

  public static DomainException notFound(String what) {
    return new DomainException(HttpStatus.NOT_FOUND, "NOT_FOUND", what);
  }

  public static DomainException badRequest(String message) {
    return new DomainException(HttpStatus.BAD_REQUEST, "BAD_REQUEST", message);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  /**
   * Called once when the error advice answers this refusal; a kind of refusal that is watched (a
   * refused platform callback) counts and logs itself here. Does nothing by default.
   */
  public void answered(ServerHttpRequest request, MeterRegistry meters) {}
}
