package io.duban.system;

import org.springframework.http.HttpStatus;

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
}
