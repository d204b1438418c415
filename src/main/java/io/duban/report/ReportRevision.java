package io.duban.report;

import io.duban.plan.PlanRevised;
import io.duban.plan.PlanRevisionListener;
import io.duban.plan.PlanService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps progress reports and pending clarifications with their item when a plan revision gives it
 * another code (a withdrawn item's reports follow it to its withdrawn code). Runs inside the
 * revision's transaction; each table is rewritten by one statement, so codes may swap.
 */
@Component
class ReportRevision implements PlanRevisionListener {

  private final DatabaseClient db;
  private final PlanService plans;

  ReportRevision(DatabaseClient db, PlanService plans) {
    this.db = db;
    this.plans = plans;
  }

  @Override
  public Mono<Void> planRevised(PlanRevised revision) {
    if (revision.codes().isEmpty()) {
      return Mono.empty();
    }
    List<String> from = new ArrayList<>(revision.codes().keySet());
    List<String> to = from.stream().map(revision.codes()::get).toList();
    String[] olds = from.toArray(String[]::new);
    String[] news = to.toArray(String[]::new);
    Mono<Void> reports =
        db.sql(
                "update progress_report r set item_code = m.new_code"
                    + " from unnest(:olds::text[], :news::text[]) as m(old_code, new_code)"
                    + " where r.plan_year = :year and r.item_code = m.old_code")
            .bind("olds", olds)
            .bind("news", news)
            .bind("year", revision.year())
            .then();
    // A question asked before the revision names candidate codes of the current plan: they follow
    // their items too.
    Mono<Void> questions =
        db.sql(
                "update report_clarification c set candidates = (select string_agg("
                    + "coalesce(m.new_code, t.code), ',' order by t.pos)"
                    + " from unnest(string_to_array(c.candidates, ',')) with ordinality as t(code, pos)"
                    + " left join unnest(:olds::text[], :news::text[]) as m(old_code, new_code)"
                    + " on m.old_code = t.code)"
                    + " where c.candidates <> '' and string_to_array(c.candidates, ',')"
                    + " && :olds::text[]")
            .bind("olds", olds)
            .bind("news", news)
            .then();
    return reports.then(
        plans.currentYear().filter(year -> year == revision.year()).flatMap(year -> questions));
  }
}
