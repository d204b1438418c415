package io.duban.chat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns a {@link CallbackRejected} from any chat callback controller into its HTTP status with a
 * {@code {"error","message"}} body, logs the reason (path only: no query, body or secret) and
 * counts it in {@code duban.inbound.rejected}.
 */
@RestControllerAdvice(basePackages = "io.duban.chat")
@Order(Ordered.HIGHEST_PRECEDENCE)
class CallbackRejections {

  private static final Logger log = LoggerFactory.getLogger(CallbackRejections.class);

  private final MeterRegistry meters;

  CallbackRejections(MeterRegistry meters) {
    this.meters = meters;
  }

  @ExceptionHandler(CallbackRejected.class)
  ResponseEntity<Map<String, String>> rejected(CallbackRejected e, ServerHttpRequest request) {
    CallbackRejected.Reason reason = e.reason();
    meters.counter("duban.inbound.rejected", "reason", reason.tag()).increment();
    log.warn(
        "Refused callback {} {}: {} ({})",
        request.getMethod(),
        request.getPath().value(),
        reason.tag(),
        e.getMessage());
    return ResponseEntity.status(reason.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error", reason.name(), "message", e.getMessage()));
  }
}
