package io.duban.dashboard;

import io.duban.bulletin.BulletinFile;
import io.duban.bulletin.BulletinPeriod;
import io.duban.bulletin.Bulletins;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /dashboard/bulletin.docx?week=}: the board's 下载通报 for signed-in leaders and admins, the
 * same document {@code /api/v1/bulletin.docx} serves to tokens.
 */
@RestController
class BulletinDownloadController {

  private final Bulletins bulletins;
  private final Clock clock;
  private final ZoneId zone;

  BulletinDownloadController(Bulletins bulletins, Clock clock, ZoneId zone) {
    this.bulletins = bulletins;
    this.clock = clock;
    this.zone = zone;
  }

  @GetMapping("/dashboard/bulletin.docx")
  Mono<ResponseEntity<byte[]>> bulletin(
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    return Mono.fromCallable(() -> BulletinPeriod.parse(week, from, to, clock, zone))
        .flatMap(bulletins::document)
        .map(BulletinFile::download);
  }
}
