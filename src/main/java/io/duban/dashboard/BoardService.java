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
import reactor.core.publisher.Mono;

/** Builds the plan-wide picture for a week from plan, responsibilities, reports and closings. */
@Service
class BoardService {

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

  /** Everything the board needs, read once. */
  record Snapshot(
      int year,
      List<PlanItem> items,
      Map<String, Assignment> assignments,
      Map<String, String> unitNames,
      List<Unit> units,
      List<ReportFact> reports,
      Map<String, ClosingRecord> closings) {}

  Mono<Snapshot> snapshot() {
    return Mono.zip(
            plans.items().collectList(),
            units.assignments().collectMap(Assignment::itemCode, Function.identity()),
            units.units().collectList(),
            facts.reports().collectList(),
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
                    t.getT5()));
  }

  Mono<Board> board(Week week) {
    return snapshot().map(s -> board(s, week));
  }

  Board board(Snapshot s, Week week) {
    LocalDate asOf = week.sunday();
    var end = asOf.plusDays(1).atStartOfDay(zone).toInstant();
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

  ItemRow row(
      Snapshot s, PlanItem item, String section, Week week, LocalDate asOf, java.time.Instant end) {
    Assignment a = s.assignments().get(item.code());
    ReportFact latest =
        s.reports().stream()
            .filter(r -> r.itemCode().equals(item.code()))
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
