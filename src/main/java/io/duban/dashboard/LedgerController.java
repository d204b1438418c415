package io.duban.dashboard;

import io.duban.report.ReportWeek;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/ledger.xlsx?week=2024-W23}: the 台账 for leaders and admins. */
@RestController
class LedgerController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final LedgerService ledgers;
  private final Clock clock;
  private final ZoneId zone;

  LedgerController(LedgerService ledgers, Clock clock, ZoneId zone) {
    this.ledgers = ledgers;
    this.clock = clock;
    this.zone = zone;
  }

  @Operation(summary = "下载督办台账（Excel）")
  @GetMapping("/api/v1/ledger.xlsx")
  Mono<ResponseEntity<byte[]>> ledger(@RequestParam(required = false) String week) {
    return Mono.fromCallable(() -> ReportWeek.parseOrCurrent(week, clock, zone))
        .flatMap(w -> ledgers.ledger(w).map(bytes -> download(bytes, w)));
  }

  static ResponseEntity<byte[]> download(byte[] bytes, ReportWeek week) {
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(LedgerService.filename(week), java.nio.charset.StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(bytes);
  }
}
