package io.duban.digest;

import io.duban.system.DomainException;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Serves published digest charts without sign-in: knowing the random id is the permission. */
@RestController
class PublishedChartController {

  private final PublishedCharts charts;

  PublishedChartController(PublishedCharts charts) {
    this.charts = charts;
  }

  @GetMapping("/charts/{id}.png")
  Mono<ResponseEntity<byte[]>> chart(@PathVariable String id) {
    return charts
        .png(id)
        .map(
            png ->
                ResponseEntity.ok()
                    .contentType(MediaType.IMAGE_PNG)
                    // a published chart never changes; platforms may fetch and cache it freely
                    .cacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePublic())
                    .body(png))
        .switchIfEmpty(Mono.error(DomainException.notFound("no such chart")));
  }
}
