package io.duban.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * An endpoint that does nothing, for {@code bench/run.sh} to measure the bare WebFlux ceiling in
 * the same JVM as the real paths. Off unless {@code duban.bench.enabled=true}.
 */
@RestController
@ConditionalOnProperty(name = "duban.bench.enabled", havingValue = "true")
class BenchNoopController {

  @GetMapping("/bench/noop")
  Mono<String> noop() {
    return Mono.just("ok");
  }
}
