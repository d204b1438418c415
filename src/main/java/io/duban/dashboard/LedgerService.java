package io.duban.dashboard;

import io.duban.report.ProgressReader;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportFact;
import io.duban.report.ReportWeek;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Produces the 台账 workbook of a week. */
@Service
class LedgerService {

  private final ProgressReader progress;
  private final ZoneId zone;
  private final Clock clock;
  private final LedgerWorkbook workbook;

  LedgerService(ProgressReader progress, ZoneId zone, Clock clock) {
    this.progress = progress;
    this.zone = zone;
    this.clock = clock;
    this.workbook = new LedgerWorkbook(zone);
  }

  Mono<byte[]> ledger(ReportWeek week) {
    // each item's latest report before the week ended judges it, and the week's own reports fill
    // its columns: never the year's million reports
    return Mono.zip(progress.asOf(week), progress.inWeek(week).collectList())
        .publishOn(Schedulers.boundedElastic())
        .map(
            t -> {
              ProgressSnapshot s = t.getT1();
              List<ReportFact> ofWeek = t.getT2();
              return workbook.write(
                  s.standing(week, zone),
                  ofWeek,
                  s.unitNames(),
                  s.assignments(),
                  LocalDate.now(clock.withZone(zone)));
            });
  }

  static String filename(ReportWeek week) {
    return "督办台账-" + week + ".xlsx";
  }
}
