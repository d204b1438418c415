package io.duban.dashboard;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.unit.Assignment;
import io.duban.unit.Unit;
import io.duban.unit.UnitService;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Builds the plan-wide picture for a week from plan, responsibilities, reports and closings. */
@Service
class BoardService {

  /** How many weeks the item page's colour strip goes back. */
  static final int TIMELINE_WEEKS = 26;

  private final PlanService plans;
  private final UnitService units;
  private final ProgressFacts facts;
  private final ItemClosing closing;
  private final ZoneId zone;

  BoardService(
      PlanService plans, UnitService units, ProgressFacts facts, ItemClosing closing, ZoneId zone) {
    this.plans = plans;
    this.units = units;
    this.facts = facts;
    this.closing = closing;
    this.zone = zone;
  }

  /** Everything the board needs, read once; {@code reportsByItem} indexes {@code reports}. */
  record Snapshot(
      int year,
      List<PlanItem> items,
      Map<String, Assignment> assignments,
      Map<String, String> unitNames,
      List<Unit> units,
      List<ReportFact> reports,
      Map<String, List<ReportFact>> reportsByItem,
      Map<String, ClosingRecord> closings) {}

  /** Everything, every standing report included. */
  Mono<Snapshot> snapshot() {
    return snapshot(facts.reports());
  }

  /**
   * Enough for the board of one week: of the reports, only each item's latest before the week ended
   * (a year of reports would otherwise be read for a picture that shows one per item).
   */
  private Mono<Snapshot> snapshot(Week week) {
    return snapshot(facts.latestPerItem(end(week)));
  }

  private Mono<Snapshot> snapshot(Flux<ReportFact> reports) {
    return Mono.zip(
            plans.items().collectList(),
            units.assignments().collectMap(Assignment::itemCode, Function.identity()),
            units.units().collectList(),
            reports.collectList(),
            closing.closings().collectMap(ClosingRecord::itemCode, Function.identity()))
        .map(
            t ->
                new Snapshot(
                    t.getT1().isEmpty() ? 0 : t.getT1().get(0).year(),
                    t.getT1(),
                    t.getT2(),
                    t.getT3().stream().collect(Collectors.toMap(Unit::code, Unit::name)),
                    t.getT3(),
                    t.getT4(),
                    t.getT4().stream().collect(Collectors.groupingBy(ReportFact::itemCode)),
                    t.getT5()));
  }

  Mono<Board> board(Week week) {
    return snapshot(week).map(s -> board(s, week));
  }

  Board board(Snapshot s, Week week) {
    LocalDate asOf = week.sunday();
    var end = end(week);
    List<Board.Section> sections = new ArrayList<>();
    for (PlanItem top : s.items()) {
      if (top.parentCode() != null) {
        continue;
      }
      List<ItemRow> rows =
          s.items().stream()
              .filter(PlanItem::leaf)
              .filter(i -> i.code().equals(top.code()) || i.code().startsWith(top.code() + "."))
              .map(i -> row(s, i, top.code(), week, asOf, end))
              .toList();
      sections.add(new Board.Section(top, rows));
    }
    return new Board(week, asOf, s.year(), sections);
  }

  /** One item's page as of a week, with its light over the weeks before it. */
  Mono<ItemPage> item(String code, Week week) {
    return plans
        .item(code)
        .zipWith(snapshot())
        .zipWith(closing.history(code).collectList())
        .map(t -> page(t.getT1().getT2(), t.getT1().getT1(), week, t.getT2()));
  }

  private ItemPage page(Snapshot s, PlanItem item, Week week, List<ClosingRecord> closings) {
    String section =
        item.code().contains(".")
            ? item.code().substring(0, item.code().indexOf('.'))
            : item.code();
    ItemRow row = row(s, item, section, week, week.sunday(), end(week));
    List<ItemPage.WeekLight> timeline = new ArrayList<>();
    Week first = Week.of(java.time.LocalDate.of(s.year() == 0 ? week.year() : s.year(), 1, 8));
    Week from = week;
    for (int i = 0; i < TIMELINE_WEEKS - 1 && from.compareTo(first) > 0; i++) {
      from = from.previous();
    }
    for (Week w = from; w.compareTo(week) <= 0; w = w.next()) {
      ItemRow then = row(s, item, section, w, w.sunday(), end(w));
      timeline.add(new ItemPage.WeekLight(w, then.light(), then.judgement().reasonText()));
    }
    List<ReportFact> reports =
        s.reportsByItem().getOrDefault(item.code(), List.of()).stream()
            .sorted(Comparator.comparing(ReportFact::createdAt).reversed())
            .toList();
    Assignment a = s.assignments().get(item.code());
    return new ItemPage(row, a == null ? List.of() : a.milestones(), reports, timeline, closings);
  }

  private java.time.Instant end(Week week) {
    return week.sunday().plusDays(1).atStartOfDay(zone).toInstant();
  }

  ItemRow row(
      Snapshot s, PlanItem item, String section, Week week, LocalDate asOf, java.time.Instant end) {
    Assignment a = s.assignments().get(item.code());
    ReportFact latest =
        s.reportsByItem().getOrDefault(item.code(), List.of()).stream()
            .filter(r -> r.createdAt().isBefore(end))
            .max(Comparator.comparing(ReportFact::createdAt).thenComparing(ReportFact::id))
            .orElse(null);
    ClosingRecord closed = s.closings().get(item.code());
    if (closed != null && !closed.at().isBefore(end)) {
      closed = null;
    }
    Judgement judgement = LightRule.judge(a, latest, closed != null, s.year(), week, asOf);
    return new ItemRow(
        item,
        section,
        a == null ? null : a.leadUnit(),
        a == null ? "未分配" : s.unitNames().getOrDefault(a.leadUnit(), a.leadUnit()),
        a == null
            ? List.of()
            : a.supportUnits().stream().map(u -> s.unitNames().getOrDefault(u, u)).toList(),
        a == null ? null : a.deadline(),
        latest,
        judgement,
        closed);
  }
}
