package io.duban.dashboard;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.report.ClosingRecord;
import io.duban.report.ItemClosing;
import io.duban.report.ItemStanding;
import io.duban.report.ProgressReader;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportFact;
import io.duban.report.ReportWeek;
import io.duban.unit.Assignment;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Builds an item's page: its standing as of a week, its reports and its light week by week. */
@Service
class ItemPages {

  /** How many weeks the item page's colour strip goes back. */
  static final int TIMELINE_WEEKS = 26;

  private final PlanService plans;
  private final ProgressReader progress;
  private final ItemClosing closing;
  private final ZoneId zone;
  private final io.duban.report.ItemLifecycle lifecycle;
  private final io.duban.unit.Acknowledgements acknowledgements;
  private final io.duban.unit.UnitService units;

  ItemPages(
      PlanService plans,
      ProgressReader progress,
      ItemClosing closing,
      ZoneId zone,
      io.duban.report.ItemLifecycle lifecycle,
      io.duban.unit.Acknowledgements acknowledgements,
      io.duban.unit.UnitService units) {
    this.lifecycle = lifecycle;
    this.acknowledgements = acknowledgements;
    this.units = units;
    this.plans = plans;
    this.progress = progress;
    this.closing = closing;
    this.zone = zone;
  }

  /** One item's page as of a week, with its light over the weeks before it. */
  Mono<ItemPage> item(String code, ReportWeek week) {
    return plans
        .item(code)
        .zipWith(progress.ofItem(code))
        .zipWith(closing.history(code).collectList())
        .flatMap(
            t ->
                Mono.zip(
                        lifecycle.steps(code).collectList(),
                        lifecycle.standing(code),
                        acknowledgements
                            .of(code)
                            .map(java.util.Optional::of)
                            .defaultIfEmpty(java.util.Optional.empty()),
                        units
                            .units()
                            .collectMap(io.duban.unit.Unit::code, io.duban.unit.Unit::name))
                    .map(
                        h ->
                            page(
                                t.getT1().getT2(),
                                t.getT1().getT1(),
                                week,
                                t.getT2(),
                                h.getT1(),
                                h.getT2(),
                                h.getT3().orElse(null),
                                h.getT4())));
  }

  private ItemPage page(
      ProgressSnapshot s,
      PlanItem item,
      ReportWeek week,
      List<ClosingRecord> closings,
      List<io.duban.report.ItemStep> steps,
      io.duban.report.HandlingState state,
      io.duban.unit.Acknowledgement acknowledgement,
      java.util.Map<String, String> unitNames) {
    ItemStanding row = s.standing(item, week, zone);
    List<ItemPage.WeekLight> timeline = new ArrayList<>();
    ReportWeek first = ReportWeek.of(LocalDate.of(s.year() == 0 ? week.year() : s.year(), 1, 8));
    ReportWeek from = week;
    for (int i = 0; i < TIMELINE_WEEKS - 1 && from.compareTo(first) > 0; i++) {
      from = from.previous();
    }
    for (ReportWeek w = from; w.compareTo(week) <= 0; w = w.next()) {
      ItemStanding then = s.standing(item, w, zone);
      timeline.add(new ItemPage.WeekLight(w, then.light(), then.judgement().reasonText()));
    }
    List<ReportFact> reports =
        s.reportsByItem().getOrDefault(item.code(), List.of()).stream()
            .sorted(Comparator.comparing(ReportFact::createdAt).reversed())
            .toList();
    Assignment a = s.assignments().get(item.code());
    List<HandlingLine> handling =
        HandlingLine.of(
            item,
            acknowledgement,
            reports.stream().sorted(Comparator.comparing(ReportFact::createdAt)).toList(),
            steps,
            closings,
            unitNames);
    return new ItemPage(
        row,
        a == null ? List.of() : a.milestones(),
        reports,
        timeline,
        closings,
        handling,
        state.summary(),
        acknowledgement,
        state.pendingExtension() == null ? null : state.pendingExtension().dueAfter(),
        row.closing() == null
            && (state.closing() == io.duban.report.HandlingState.Closing.ASKED
                || (state.closing() == io.duban.report.HandlingState.Closing.NONE
                    && row.latest() != null
                    && row.latest().done())));
  }
}
