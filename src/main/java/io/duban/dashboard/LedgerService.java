package io.duban.dashboard;

import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Produces the 台账 workbook of a week. */
@Service
class LedgerService {

  private final BoardService boards;
  private final LedgerWorkbook workbook;

  LedgerService(BoardService boards, ZoneId zone) {
    this.boards = boards;
    this.workbook = new LedgerWorkbook(zone);
  }

  Mono<byte[]> ledger(Week week) {
    return boards
        .snapshot()
        .publishOn(Schedulers.boundedElastic())
        .map(
            s -> {
              List<ReportFact> ofWeek =
                  s.reports().stream().filter(r -> week.toString().equals(r.period())).toList();
              return workbook.write(boards.board(s, week), ofWeek, s.unitNames());
            });
  }

  static String filename(Week week) {
    return "督办台账-" + week + ".xlsx";
  }
}
