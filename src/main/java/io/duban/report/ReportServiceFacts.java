package io.duban.report;

import io.duban.plan.PlanService;
import io.duban.unit.Contact;
import io.duban.unit.UnitService;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The standing reports of the current plan, read through {@link ReportService}: verified ones only
 * (an unregistered sender's report waits in {@link ReportReview}), each with its one instant and
 * what its unit is to the item; an item's latest is its lead unit's.
 */
@Component
class ReportServiceFacts implements ProgressFacts {

  private static final Comparator<ReportFact> OLDEST_FIRST =
      Comparator.comparing(ReportFact::createdAt).thenComparing(ReportFact::id);

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
    return contacts()
        .flatMapMany(
            contacts ->
                plans
                    .leaves()
                    .concatMap(item -> reports.reportsOfItem(item.code()))
                    .filter(ProgressReport::verified)
                    .map(r -> fact(r, contacts))
                    .sort(OLDEST_FIRST));
  }

  @Override
  public Flux<ReportFact> latestPerItem(Instant before) {
    return contacts()
        .flatMapMany(contacts -> reports.latestShownPerItem(before).map(r -> fact(r, contacts)));
  }

  @Override
  public Flux<ReportFact> inWeek(ReportWeek week) {
    return contacts()
        .flatMapMany(
            contacts ->
                reports
                    .reportsOfPeriod(week.toString())
                    .filter(ProgressReport::verified)
                    .map(r -> fact(r, contacts))
                    .sort(OLDEST_FIRST));
  }

  @Override
  public Flux<ReportFact> ofItem(String itemCode) {
    return contacts()
        .flatMapMany(
            contacts ->
                reports
                    .reportsOfItem(itemCode)
                    .filter(ProgressReport::verified)
                    .map(r -> fact(r, contacts))
                    .sort(OLDEST_FIRST));
  }

  @Override
  public Flux<UnitWeekReports> unitWeeks(List<ReportWeek> weeks) {
    return reports.unitWeeks(weeks.stream().map(ReportWeek::toString).toList(), null);
  }

  @Override
  public Flux<UnitWeekReports> unitWeeks(List<ReportWeek> weeks, List<String> unitCodes) {
    return reports.unitWeeks(weeks.stream().map(ReportWeek::toString).toList(), unitCodes);
  }

  private Mono<Map<Long, Contact>> contacts() {
    // from memory (unit.Directory): every read of the board's facts needs the reporters' names
    return units.recentContacts().collectMap(Contact::id, Function.identity());
  }

  private static ReportFact fact(ProgressReport r, Map<Long, Contact> contacts) {
    return new ReportFact(
        r.id(),
        r.itemCode(),
        r.unitCode(),
        reporter(r.contactId(), r.senderName(), r.senderId(), contacts),
        r.status(),
        r.percent(),
        r.text(),
        r.reason(),
        r.period(),
        r.reportedAt(),
        r.late(),
        r.overdue(),
        r.responsibility());
  }

  private static ReportFact fact(LatestReport r, Map<Long, Contact> contacts) {
    return new ReportFact(
        r.id(),
        r.itemCode(),
        r.unitCode(),
        reporter(r.contactId(), r.senderName(), r.senderId(), contacts),
        r.status(),
        r.percent(),
        r.text(),
        r.reason(),
        r.period(),
        r.reportedAt(),
        r.late(),
        r.overdue(),
        r.responsibility());
  }

  /** The registered contact's name, else the name the platform gave, else the sender's id. */
  private static String reporter(
      Long contactId, String senderName, String senderId, Map<Long, Contact> contacts) {
    Contact contact = contactId == null ? null : contacts.get(contactId);
    return contact != null ? contact.name() : senderName != null ? senderName : senderId;
  }
}
