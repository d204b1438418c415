package io.duban.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns every error raised by a controller, platform callbacks included, into a status and an
 * {@link ApiError} body; a {@link DomainException} is also told it was answered, so that watched
 * refusals count themselves.
 */
@RestControllerAdvice
class ApiErrorAdvice {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

  private final MeterRegistry meters;

  ApiErrorAdvice(ObjectProvider<MeterRegistry> meters) {
    // slice tests may run without metrics
    this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
  }

  @ExceptionHandler(DomainException.class)
  ResponseEntity<ApiError> domain(DomainException e, ServerWebExchange exchange) {
    RequestIds.logging(exchange, () -> e.answered(exchange.getRequest(), meters));
    return ResponseEntity.status(e.status()).body(new ApiError(e.code(), e.getMessage()));
  }

  @ExceptionHandler(WebExchangeBindException.class)
  ResponseEntity<ApiError> invalid(WebExchangeBindException e) {
    String message =
        e.getFieldErrors().stream()
            .map(f -> f.getField() + ": " + f.getDefaultMessage())
            .reduce((a, b) -> a + "; " + b)
            .orElse("invalid request");
    return ResponseEntity.badRequest().body(new ApiError("BAD_REQUEST", message));
  }

  /** A body or part over the caps in application.yml (spring.codec / spring.webflux.multipart). */
  @ExceptionHandler(DataBufferLimitException.class)
  ResponseEntity<ApiError> tooLarge(DataBufferLimitException e) {
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
        .body(new ApiError("TOO_LARGE", "上传内容过大：单个文件不超过 10 MB，表单最多 12 项"));
  }

  @ExceptionHandler({ServerWebInputException.class, DecodingException.class})
  ResponseEntity<ApiError> unreadable(Exception e) {
    String reason =
        e instanceof ServerWebInputException input && input.getReason() != null
            ? input.getReason()
            : e.getMessage() != null && e.getMessage().startsWith("Too many parts")
                ? "表单项过多：最多 12 项"
                : "the request body could not be read";
    return ResponseEntity.badRequest().body(new ApiError("BAD_REQUEST", reason));
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<ApiError> status(ResponseStatusException e) {
    HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
    String code = status == null ? "ERROR" : status.name();
    String message = e.getReason() == null ? code : e.getReason();
    if (e instanceof NoResourceFoundException) {
      message = "no such endpoint";
    }
    return ResponseEntity.status(e.getStatusCode()).body(new ApiError(code, message));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e, ServerWebExchange exchange) {
    RequestIds.logging(exchange, () -> log.error("Unexpected error", e));
    return ResponseEntity.internalServerError()
        .body(new ApiError("INTERNAL", "internal error; see the service log"));
  }
}
