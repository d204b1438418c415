package io.duban.dashboard;

import io.duban.report.ClosingRecord;
import io.duban.report.ItemClosing;
import io.duban.report.ItemLifecycle;
import io.duban.report.ItemStanding;
import io.duban.report.ItemStep;
import io.duban.report.PlanStanding;
import io.duban.report.ProgressReader;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportWeek;
import io.duban.report.StepKind;
import io.duban.unit.Acknowledgement;
import io.duban.unit.Acknowledgements;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Produces the 台账 workbook of a week. */
@Service
class LedgerService {

  private final ProgressReader progress;
  private final ZoneId zone;
  private final Clock clock;
  private final LedgerWorkbook workbook;
  private final ItemLifecycle lifecycle;
  private final Acknowledgements acknowledgements;
  private final ItemClosing closing;
  private final LedgerEvidence evidence;

  LedgerService(
      ProgressReader progress,
      ZoneId zone,
      Clock clock,
      ItemLifecycle lifecycle,
      Acknowledgements acknowledgements,
      ItemClosing closing,
      LedgerEvidence evidence) {
    this.evidence = evidence;
    this.progress = progress;
    this.zone = zone;
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.acknowledgements = acknowledgements;
    this.closing = closing;
    this.workbook = new LedgerWorkbook(zone);
  }

  Mono<byte[]> ledger(ReportWeek week) {
    // each item's latest report before the week ended judges it, and the week's own reports fill
    // its columns: never the year's million reports
    Mono<Map<String, Acknowledgement>> acks =
        acknowledgements.all().collectMap(Acknowledgement::itemCode);
    Mono<Map<String, Collection<ItemStep>>> steps =
        lifecycle.all().collectMultimap(ItemStep::itemCode);
    return Mono.zip(progress.asOf(week), progress.inWeek(week).collectList(), acks, steps)
        .flatMap(
            t -> {
              ProgressSnapshot s = t.getT1();
              PlanStanding standing = s.standing(week, zone);
              Map<String, Acknowledgement> ack = t.getT3();
              Map<String, Collection<ItemStep>> stepsOf = t.getT4();
              // the 办理过程 sheet lists items that went through handling steps: tasks, items owed
              // a 签收, items with steps; only those need their closing history
              List<ItemStanding> handled =
                  standing.rows().stream()
                      .filter(
                          r ->
                              r.item().task()
                                  || ack.containsKey(r.item().code())
                                  || stepsOf.containsKey(r.item().code()))
                      .toList();
              return Flux.fromIterable(handled)
                  .concatMap(r -> closing.history(r.item().code()))
                  .collectMultimap(ClosingRecord::itemCode)
                  .zipWith(evidence.lines(week, standing))
                  .publishOn(Schedulers.boundedElastic())
                  .map(
                      c ->
                          workbook.write(
                              standing,
                              t.getT2(),
                              s.unitNames(),
                              s.assignments(),
                              handling(handled, ack, stepsOf, c.getT1(), s.unitNames()),
                              c.getT2(),
                              LocalDate.now(clock.withZone(zone))));
            });
  }

  private static List<LedgerWorkbook.ItemHandling> handling(
      List<ItemStanding> handled,
      Map<String, Acknowledgement> ack,
      Map<String, Collection<ItemStep>> stepsOf,
      Map<String, Collection<ClosingRecord>> closings,
      Map<String, String> unitNames) {
    return handled.stream()
        .map(
            r -> {
              String code = r.item().code();
              List<ItemStep> itemSteps = List.copyOf(stepsOf.getOrDefault(code, List.of()));
              String changes =
                  itemSteps.stream()
                      .filter(x -> x.kind() == StepKind.EXTENSION_APPROVED)
                      .map(x -> x.dueBefore() + " → " + x.dueAfter())
                      .collect(Collectors.joining("；"));
              List<HandlingLine> lines =
                  HandlingLine.of(
                      r.item(),
                      ack.get(code),
                      List.of(),
                      itemSteps,
                      List.copyOf(closings.getOrDefault(code, List.of())),
                      unitNames);
              return new LedgerWorkbook.ItemHandling(r.item(), ack.get(code), changes, lines);
            })
        .toList();
  }

  static String filename(ReportWeek week) {
    return "督办台账-" + week + ".xlsx";
  }
}
