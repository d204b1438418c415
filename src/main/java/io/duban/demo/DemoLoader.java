package io.duban.demo;

import io.duban.report.ClosingChannel;
import io.duban.report.ItemClosing;
import io.duban.report.NewReport;
import io.duban.report.ReportService;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import io.duban.system.DatabaseProperties;
import io.duban.unit.Assignment;
import io.duban.unit.Contact;
import io.duban.unit.ContactRole;
import io.duban.unit.GroupChat;
import io.duban.unit.UnitService;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads the demo once per database, after the plan and the units: every report goes through {@link
 * ReportService#recordPast} with its 2024 send time, checked and judged as a report arriving from
 * the chat would be, and the item that was finished is closed through {@link ItemClosing}.
 */
@Component
@Order(40)
class DemoLoader implements ApplicationRunner {

  /** The week the README links to: the end of June 2024, half the plan year behind. */
  static final ReportWeek DEMO_WEEK = new ReportWeek(2024, DemoStory.LAST_WEEK);

  private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

  private final boolean enabled;
  private final DemoMarker marker;
  private final UnitService units;
  private final ReportService reports;
  private final ItemClosing closing;
  private final ZoneId zone;

  DemoLoader(
      DemoProperties properties,
      DatabaseProperties database,
      DemoMarker marker,
      UnitService units,
      ReportService reports,
      ItemClosing closing,
      ZoneId zone) {
    this.enabled = properties.enabled() == null ? database.url().isBlank() : properties.enabled();
    this.marker = marker;
    this.units = units;
    this.reports = reports;
    this.closing = closing;
    this.zone = zone;
  }

  boolean enabled() {
    return enabled;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!enabled) {
      return;
    }
    // Start-up edge: the service is not serving yet, so waiting here is bounded and harmless.
    load().block(Duration.ofMinutes(3));
  }

  /** Loads the demo unless this database already has it; emits the number of reports stored. */
  Mono<Integer> load() {
    return marker
        .claim()
        .filter(Boolean::booleanValue)
        .flatMap(
            claimed ->
                store()
                    .flatMap(count -> marker.done(count).thenReturn(count))
                    .doOnNext(
                        count ->
                            log.info(
                                "Demo loaded: {} reports of 2024 from the example units; see"
                                    + " /dashboard?week={}",
                                count,
                                DEMO_WEEK))
                    .onErrorResume(
                        e -> {
                          log.warn("Demo not loaded: {}", e.toString());
                          return marker.release().then(Mono.empty());
                        }))
        .defaultIfEmpty(0);
  }

  private Mono<Integer> store() {
    return units
        .assignments()
        .filter(a -> DemoStory.STORIES.containsKey(a.itemCode()))
        .concatMap(this::cast)
        .collectList()
        .flatMap(
            casts -> {
              List<NewReport> all = DemoWeeks.reports(casts, zone);
              return Flux.fromIterable(all)
                  .concatMap(reports::recordPast)
                  .count()
                  .flatMap(count -> closeFinished(casts).thenReturn(count.intValue()));
            });
  }

  /** Who reports on an item: its lead unit's contact and group, and a supporting unit's. */
  private Mono<DemoWeeks.Cast> cast(Assignment a) {
    Mono<Reporter> lead = reporter(a.leadUnit());
    Mono<List<Reporter>> support =
        Flux.fromIterable(a.supportUnits()).concatMap(this::reporter).collectList();
    return lead.zipWith(support)
        .map(t -> new DemoWeeks.Cast(DemoStory.STORIES.get(a.itemCode()), t.getT1(), t.getT2()));
  }

  private Mono<Reporter> reporter(String unitCode) {
    Mono<Contact> contact =
        units
            .contacts(unitCode)
            .filter(c -> c.role() != ContactRole.LEADER)
            .sort(Comparator.comparingLong(Contact::id))
            .next();
    Mono<GroupChat> group =
        units.groups(unitCode).sort(Comparator.comparingLong(GroupChat::id)).next();
    return contact.flatMap(
        c ->
            group
                .map(g -> new Reporter(c, g.botId(), g.chatId()))
                .defaultIfEmpty(new Reporter(c, null, null)));
  }

  private Mono<Void> closeFinished(List<DemoWeeks.Cast> casts) {
    List<DemoStory> done = new ArrayList<>();
    casts.stream()
        .filter(c -> c.story().turn() == ReportStatus.DONE)
        .forEach(c -> done.add(c.story()));
    return units
        .leaders()
        .map(Contact::name)
        .next()
        .defaultIfEmpty("局领导")
        .flatMapMany(
            leader ->
                Flux.fromIterable(done)
                    .concatMap(
                        story ->
                            closing.closePast(
                                story.code(),
                                leader,
                                ClosingChannel.DASHBOARD,
                                "已获批复，同意办结销号",
                                closedAt(story))))
        .then();
  }

  /** The Monday after the week the item was reported done, at ten. */
  private java.time.Instant closedAt(DemoStory story) {
    return new ReportWeek(2024, story.turnWeek() + 1)
        .monday()
        .atTime(10, 0)
        .atZone(zone)
        .toInstant();
  }

  /** A unit's contact and the group chat its reports arrive in. */
  record Reporter(Contact contact, String botId, String chatId) {}
}
