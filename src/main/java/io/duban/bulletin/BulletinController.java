package io.duban.bulletin;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/bulletin.docx?week=2024-W23} or {@code ?from=2024-06-01&to=2024-06-30}: the
 * 督查通报 for leaders and admins; without either, last week's.
 */
@RestController
class BulletinController {

  private final Bulletins bulletins;
  private final Clock clock;
  private final ZoneId zone;

  BulletinController(Bulletins bulletins, Clock clock, ZoneId zone) {
    this.bulletins = bulletins;
    this.clock = clock;
    this.zone = zone;
  }

  @Operation(summary = "下载督查通报（Word，按周或按起止日期）")
  @GetMapping("/api/v1/bulletin.docx")
  Mono<ResponseEntity<byte[]>> bulletin(
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    return Mono.fromCallable(() -> BulletinPeriod.parse(week, from, to, clock, zone))
        .flatMap(bulletins::document)
        .map(BulletinFile::download);
  }
}
