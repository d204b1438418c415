package io.duban.digest;

import io.duban.chat.OutboundMessage;
import io.duban.delivery.OutboxReader;
import io.duban.delivery.OutboxStatus;
import io.duban.report.ItemLifecycle;
import io.duban.report.ProgressFacts;
import io.duban.report.ProgressReader;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportWeek;
import io.duban.report.StepKind;
import io.duban.system.ChineseDates;
import io.duban.system.ServiceProperties;
import io.duban.unit.GroupChat;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The leaders' weekly digest whole: what it counts, its text, its chart and the chart's publishing.
 * Text, chart and the board are judged from one snapshot by one rule, so they agree on every item.
 */
@Service
public class WeeklyDigests {

  private static final Logger log = LoggerFactory.getLogger(WeeklyDigests.class);

  private final ProgressReader progress;
  private final ProgressFacts facts;
  private final DigestComposer composer;
  private final DigestChart chart;
  private final ChartDispatches charts;
  private final DigestAssembler assembler;
  private final OutboxReader outbox;
  private final ItemLifecycle lifecycle;
  private final ZoneId zone;
  private final String dashboardUrl;

  WeeklyDigests(
      ProgressReader progress,
      ProgressFacts facts,
      DigestComposer composer,
      DigestChart chart,
      ChartDispatches charts,
      OutboxReader outbox,
      ItemLifecycle lifecycle,
      ServiceProperties service) {
    this.outbox = outbox;
    this.lifecycle = lifecycle;
    this.progress = progress;
    this.facts = facts;
    this.composer = composer;
    this.chart = chart;
    this.charts = charts;
    this.zone = service.zone();
    this.assembler = new DigestAssembler(zone);
    this.dashboardUrl = service.publicUrl("/dashboard").orElse(null);
  }

  /**
   * The digest of {@code week} for {@code groups}: the text to each, then the chart to each (as an
   * image or a link, see {@link ChartDispatches}). A chart that cannot be drawn or published leaves
   * the text alone.
   *
   * @param reportsDue a unit's first report of the week after this is late
   * @param audience who the groups are (a schedule's target), part of each message's once-only key
   */
  public Mono<List<DigestMessage>> messages(
      ReportWeek week, Instant reportsDue, List<GroupChat> groups, String audience) {
    return Mono.zip(
            progress.asOf(week, week.previous()),
            facts.inWeek(week).collectList(),
            facts.inWeek(week.previous()).collectList(),
            unreached(week.previous(), groups, audience),
            extensions(week))
        .flatMap(
            t -> {
              WeeklyDigest d =
                  assembler
                      .assemble(t.getT1(), week, t.getT2(), t.getT3(), reportsDue, dashboardUrl)
                      .withUnreached(t.getT4())
                      .withExtensions(t.getT5());
              List<DigestMessage> texts = texts(d, groups, audience);
              return withChart(texts, t.getT1(), week, groups, audience);
            });
  }

  /** The 延期 the responsible leaders approved in {@code week}, oldest first. */
  private Mono<List<String>> extensions(ReportWeek week) {
    return lifecycle
        .all()
        .filter(s -> s.kind() == StepKind.EXTENSION_APPROVED)
        .filter(s -> ReportWeek.of(s.at(), zone).equals(week))
        .map(s -> s.itemCode() + " 至" + ChineseDates.fullDate(s.dueAfter()))
        .collectList();
  }

  /**
   * The groups whose digest text of {@code week} was queued but not delivered: DEAD, or still
   * waiting for a send a week on. A group the digest never went to is not named.
   */
  private Mono<List<String>> unreached(ReportWeek week, List<GroupChat> groups, String audience) {
    Map<String, GroupChat> byKey = new LinkedHashMap<>();
    groups.forEach(g -> byKey.put(key(week.toString(), audience, g), g));
    return outbox
        .fates(byKey.keySet())
        .filter(f -> f.status() != OutboxStatus.SENT)
        .map(f -> byKey.get(f.dedupeKey()))
        .map(g -> g.name() == null || g.name().isBlank() ? g.unitCode() : g.name())
        .distinct()
        .collectList();
  }

  /** The chart of {@code week} as PNG bytes, drawn from the stored reports. */
  public Mono<byte[]> chart(ReportWeek week) {
    return progress.asOf(week).flatMap(s -> png(s, week));
  }

  /** The once-only key of the digest text of {@code period} in one group. */
  static String key(String period, String audience, GroupChat g) {
    return "digest:" + period + ":" + audience + ":" + g.id();
  }

  private List<DigestMessage> texts(WeeklyDigest d, List<GroupChat> groups, String audience) {
    String text = composer.compose(d);
    return groups.stream()
        .map(
            g ->
                new DigestMessage(
                    g, OutboundMessage.text(text, List.of()), key(d.period(), audience, g)))
        .toList();
  }

  private Mono<List<DigestMessage>> withChart(
      List<DigestMessage> texts,
      ProgressSnapshot snapshot,
      ReportWeek week,
      List<GroupChat> groups,
      String audience) {
    return png(snapshot, week)
        .onErrorResume(
            e -> {
              log.warn("Digest chart for {} not drawn: {}", week, e.toString());
              return Mono.empty();
            })
        .flatMap(
            png ->
                charts
                    .plan(groups, png, week.toString(), audience)
                    .map(
                        chartMessages -> {
                          List<DigestMessage> all = new ArrayList<>(texts);
                          all.addAll(chartMessages);
                          return all;
                        })
                    .onErrorResume(
                        e -> {
                          log.warn("Digest chart for {} not published: {}", week, e.toString());
                          return Mono.just(texts);
                        }))
        .defaultIfEmpty(texts);
  }

  private Mono<byte[]> png(ProgressSnapshot snapshot, ReportWeek week) {
    return Mono.fromCallable(() -> chart.render(DigestChart.data(snapshot.standing(week, zone))))
        .subscribeOn(Schedulers.boundedElastic());
  }
}
