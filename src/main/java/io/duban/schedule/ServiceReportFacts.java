package io.duban.schedule;

import io.duban.report.ProgressReport;
import io.duban.report.ReportService;
import java.time.Instant;
import java.util.Comparator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** The report facts schedules need, asked of the report feature's public service. */
@Component
class ServiceReportFacts implements ReportFacts {

  private final ReportService reports;

  ServiceReportFacts(ReportService reports) {
    this.reports = reports;
  }

  @Override
  public Flux<Report> latestPerItem(Instant before) {
    return reports.latestPerItem(before).map(ServiceReportFacts::fact);
  }

  @Override
  public Flux<Report> inPeriod(String period) {
    return reports
        .reportsOfPeriod(period)
        .sort(Comparator.comparing(ProgressReport::createdAt))
        .map(ServiceReportFacts::fact);
  }

  private static Report fact(ProgressReport r) {
    // a blocked report's reason is what leaders need to read; otherwise the contact's text
    String text = r.reason() != null && !r.reason().isBlank() ? r.reason() : r.text();
    return new Report(
        r.itemCode(),
        r.unitCode(),
        r.status().name(),
        r.percent(),
        text,
        r.period(),
        r.createdAt());
  }
}
