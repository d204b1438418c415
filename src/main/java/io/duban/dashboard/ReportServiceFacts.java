package io.duban.dashboard;

import io.duban.plan.PlanService;
import io.duban.report.ProgressReport;
import io.duban.report.ReportService;
import io.duban.unit.Contact;
import io.duban.unit.UnitService;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** The standing reports of the current plan, read through the report feature's service. */
@Component
class ReportServiceFacts implements ProgressFacts {

  private final ReportService reports;
  private final PlanService plans;
  private final UnitService units;

  ReportServiceFacts(ReportService reports, PlanService plans, UnitService units) {
    this.reports = reports;
    this.plans = plans;
    this.units = units;
  }

  @Override
  public Flux<ReportFact> reports() {
    return units
        .allContacts()
        .collectMap(Contact::id, Function.identity())
        .flatMapMany(
            contacts ->
                plans
                    .leaves()
                    .concatMap(item -> reports.reportsOfItem(item.code()))
                    .map(r -> fact(r, contacts))
                    .sort(
                        Comparator.comparing(ReportFact::createdAt).thenComparing(ReportFact::id)));
  }

  @Override
  public Flux<ReportFact> latestPerItem(Instant before) {
    return units
        .allContacts()
        .collectMap(Contact::id, Function.identity())
        .flatMapMany(contacts -> reports.latestPerItem(before).map(r -> fact(r, contacts)));
  }

  private static ReportFact fact(ProgressReport r, Map<Long, Contact> contacts) {
    Contact contact = r.contactId() == null ? null : contacts.get(r.contactId());
    String reporter =
        contact != null ? contact.name() : r.senderName() != null ? r.senderName() : r.senderId();
    return new ReportFact(
        r.id(),
        r.itemCode(),
        r.unitCode(),
        reporter,
        r.status().name(),
        r.percent(),
        r.text(),
        r.period(),
        r.createdAt(),
        r.late());
  }
}
