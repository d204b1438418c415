package io.duban.system;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Errors that never reach a controller (no route, method not allowed, body too large) get the same
 * {@code {"error","message"}} body as the rest of the API, and never a stack trace.
 */
@Component
class JsonErrorAttributes extends DefaultErrorAttributes {

  @Override
  public Map<String, Object> getErrorAttributes(
      ServerRequest request, ErrorAttributeOptions options) {
    Map<String, Object> defaults =
        super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
    Object statusValue = defaults.get("status");
    int status = statusValue instanceof Integer code ? code : 500;
    HttpStatus resolved = HttpStatus.resolve(status);
    Throwable error = getError(request);
    Map<String, Object> body = new LinkedHashMap<>();
    if (error instanceof DomainException domain) {
      body.put("error", domain.code());
      body.put("message", domain.getMessage());
    } else {
      body.put("error", resolved == null ? "ERROR" : resolved.name());
      body.put("message", resolved == null ? "error" : resolved.getReasonPhrase());
    }
    body.put("status", status);
    return body;
  }
}
