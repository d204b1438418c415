package io.duban.dashboard;

import io.duban.evidence.Evidence;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /dashboard/evidence/{id}}: a 佐证材料 as stored, always as an attachment with the type
 * detected from its bytes and {@code nosniff}, so a file never renders inside the dashboard.
 */
@RestController
class EvidenceDownloadController {

  private final Evidence evidence;

  EvidenceDownloadController(Evidence evidence) {
    this.evidence = evidence;
  }

  @GetMapping("/dashboard/evidence/{id}")
  Mono<ResponseEntity<byte[]>> download(@PathVariable long id) {
    return evidence
        .download(id)
        .map(
            d ->
                ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(d.contentType()))
                    .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                            .filename(d.fileName(), StandardCharsets.UTF_8)
                            .build()
                            .toString())
                    .header("X-Content-Type-Options", "nosniff")
                    .body(d.bytes()))
        .defaultIfEmpty(ResponseEntity.status(HttpStatus.NOT_FOUND).build());
  }
}
