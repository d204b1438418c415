package io.duban.report;

import io.duban.report.Understanding.Command;
import io.duban.report.Understanding.Report;
import io.duban.system.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Admin API: how the bot reads a message (nothing stored), and the stored reports. */
@RestController
@RequestMapping("/api/v1/reports")
class ReportController {

  /** Preview request: the text, and optionally the platform user id of a sender to read as. */
  record PreviewRequest(String text, String senderId) {}

  /** How the bot reads the text. */
  record Preview(
      Intent intent,
      String itemCode,
      ReportStatus status,
      Integer percent,
      List<CandidateView> candidates) {}

  record CandidateView(String code, String title, double score) {}

  private static final int MAX_TEXT = 2000;

  private final MessageReader reader;
  private final ReportService reports;

  ReportController(MessageReader reader, ReportService reports) {
    this.reader = reader;
    this.reports = reports;
  }

  @Operation(summary = "试解析一条消息（不保存）")
  @PostMapping("/preview")
  Mono<Preview> preview(@RequestBody(required = false) PreviewRequest request) {
    if (request == null || request.text() == null || request.text().isBlank()) {
      return Mono.error(DomainException.badRequest("text is required"));
    }
    if (request.text().length() > MAX_TEXT) {
      return Mono.error(
          DomainException.badRequest("text is longer than " + MAX_TEXT + " characters"));
    }
    return reader
        .readForUser(request.text(), request.senderId())
        .map(reading -> preview(reading.understanding()));
  }

  @Operation(summary = "查询进展报告（按周、任务、单位筛选）")
  @GetMapping
  Flux<ProgressReport> list(
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String item,
      @RequestParam(required = false) String unit,
      @RequestParam(required = false) Boolean unverified) {
    String period = week == null ? null : ReportWeek.parse(week).toString();
    return reports.search(new ReportRepository.Filter(period, item, unit, unverified));
  }

  static Preview preview(Understanding understanding) {
    if (understanding instanceof Report r) {
      return new Preview(
          Intent.REPORT,
          r.itemCode(),
          r.status(),
          r.percent(),
          r.candidates().stream()
              .map(c -> new CandidateView(c.code(), c.title(), c.score()))
              .toList());
    }
    if (understanding instanceof Understanding.Batch batch) {
      // A round-up of several items previews as its first report.
      return preview(batch.reports().get(0));
    }
    if (understanding instanceof Command c) {
      Report p = c.payload();
      return new Preview(
          Intent.COMMAND,
          c.itemCode(),
          p == null ? null : p.status(),
          p == null ? null : p.percent(),
          List.of());
    }
    return new Preview(Intent.CHATTER, null, null, null, List.of());
  }
}
