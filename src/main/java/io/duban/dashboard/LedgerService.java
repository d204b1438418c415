package io.duban.dashboard;

import io.duban.report.ProgressReader;
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

  private final io.duban.report.ItemLifecycle lifecycle;
  private final io.duban.unit.Acknowledgements acknowledgements;
  private final io.duban.report.ItemClosing closing;

  LedgerService(
      ProgressReader progress,
      ZoneId zone,
      Clock clock,
      io.duban.report.ItemLifecycle lifecycle,
      io.duban.unit.Acknowledgements acknowledgements,
      io.duban.report.ItemClosing closing) {
    this.lifecycle = lifecycle;
    this.acknowledgements = acknowledgements;
    this.closing = closing;
    this.progress = progress;
    this.zone = zone;
    this.clock = clock;
    this.workbook = new LedgerWorkbook(zone);
  }

  Mono<byte[]> ledger(ReportWeek week) {
    Mono<java.util.Map<String, io.duban.unit.Acknowledgement>> acks =
        acknowledgements.all().collectMap(io.duban.unit.Acknowledgement::itemCode);
    Mono<java.util.Map<String, java.util.Collection<io.duban.report.ItemStep>>> steps =
        lifecycle.all().collectMultimap(io.duban.report.ItemStep::itemCode);
    Mono<java.util.Map<String, java.util.Collection<io.duban.report.ClosingRecord>>> closings =
        progress
            .all()
            .flatMapMany(
                s -> reactor.core.publisher.Flux.fromIterable(s.standing(week, zone).rows()))
            .map(r -> r.item().code())
            .concatMap(code -> closing.history(code))
            .collectMultimap(io.duban.report.ClosingRecord::itemCode);
    return Mono.zip(progress.all(), acks, steps, closings)
        .publishOn(Schedulers.boundedElastic())
        .map(
            t -> {
              var s = t.getT1();
              List<LedgerWorkbook.ItemHandling> handling =
                  s.standing(week, zone).rows().stream()
                      .filter(r -> t.getT2().containsKey(r.item().code()) || r.item().task())
                      .map(
                          r -> {
                            String code = r.item().code();
                            List<io.duban.report.ItemStep> itemSteps =
                                List.copyOf(t.getT3().getOrDefault(code, List.of()));
                            String changes =
                                itemSteps.stream()
                                    .filter(
                                        x ->
                                            x.kind() == io.duban.report.StepKind.EXTENSION_APPROVED)
                                    .map(x -> x.dueBefore() + " → " + x.dueAfter())
                                    .collect(java.util.stream.Collectors.joining("；"));
                            List<HandlingLine> lines =
                                HandlingLine.of(
                                        r.item(),
                                        t.getT2().get(code),
                                        List.of(),
                                        itemSteps,
                                        List.copyOf(t.getT4().getOrDefault(code, List.of())),
                                        s.unitNames())
                                    .stream()
                                    .toList();
                            return new LedgerWorkbook.ItemHandling(
                                r.item(), t.getT2().get(code), changes, lines);
                          })
                      .toList();
              List<ReportFact> ofWeek =
                  s.reports().stream().filter(r -> week.toString().equals(r.period())).toList();
              return workbook.write(
                  s.standing(week, zone),
                  ofWeek,
                  s.unitNames(),
                  s.assignments(),
                  handling,
                  LocalDate.now(clock.withZone(zone)));
            });
  }

  static String filename(ReportWeek week) {
    return "督办台账-" + week + ".xlsx";
  }
}
