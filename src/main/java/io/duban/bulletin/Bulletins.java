package io.duban.bulletin;

import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.delivery.Outbox;
import io.duban.report.ProgressReader;
import io.duban.report.ReportService;
import io.duban.report.ReportWeek;
import io.duban.system.ServiceProperties;
import io.duban.unit.GroupChat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The 督查通报 whole: numbers the period (第N期, stable), assembles what it says from the board's
 * judgement, writes the .docx, and says how it reaches each leaders' group: the file itself on
 * WeCom group robots (upload_media, then a file message), a link to the dashboard's download
 * elsewhere.
 */
@Service
public class Bulletins {

  private final ProgressReader progress;
  private final BulletinIssues issues;
  private final ReportService reports;
  private final Outbox outbox;
  private final BulletinProperties properties;
  private final BulletinAssembler assembler;
  private final BulletinDocument document;
  private final ZoneId zone;
  private final Clock clock;
  private final ServiceProperties service;

  Bulletins(
      ProgressReader progress,
      BulletinIssues issues,
      ReportService reports,
      Outbox outbox,
      BulletinProperties properties,
      ServiceProperties service,
      Clock clock) {
    this.progress = progress;
    this.issues = issues;
    this.reports = reports;
    this.outbox = outbox;
    this.properties = properties;
    this.service = service;
    this.zone = service.zone();
    this.clock = clock;
    this.assembler = new BulletinAssembler(zone, properties);
    this.document = new BulletinDocument(properties);
  }

  /** Whether the weekly digest to the leaders also sends the week's 通报. */
  public boolean sendsWithDigest() {
    return properties.sendWithDigest();
  }

  /**
   * The 通报 of {@code period} as a .docx, numbered on first request. It reads only what it shows:
   * each item's latest report before the period's end and before the previous issue's end, and the
   * closings; not every report of the year.
   */
  public Mono<BulletinFile> document(BulletinPeriod period) {
    return issues
        .issue(period)
        .flatMap(
            issue ->
                issues
                    .previous(issue)
                    .map(p -> BulletinPeriod.of(p.from(), p.to()))
                    .defaultIfEmpty(period.before())
                    .flatMap(compared -> write(period, issue.number(), compared)));
  }

  private Mono<BulletinFile> write(BulletinPeriod period, int number, BulletinPeriod compared) {
    return progress
        .before(period.end(zone), compared.end(zone))
        .publishOn(Schedulers.boundedElastic())
        .map(
            snapshot -> {
              Bulletin b =
                  assembler.assemble(
                      snapshot,
                      period,
                      number,
                      compared,
                      LocalDate.now(clock.withZone(zone)),
                      dueText(period));
              return new BulletinFile(period.filename(), b.year(), b.number(), document.write(b));
            });
  }

  /**
   * The 通报 of {@code week} to {@code groups}: a file where the group's channel takes one (a WeCom
   * group robot), else a text with the download link (leaders sign in to open it).
   *
   * @param audience who the groups are (a schedule's target), part of each message's once-only key
   */
  public Mono<List<BulletinMessage>> messages(
      ReportWeek week, List<GroupChat> groups, String audience) {
    BulletinPeriod period = BulletinPeriod.of(week);
    return document(period)
        .map(
            file ->
                groups.stream()
                    .map(
                        g ->
                            new BulletinMessage(
                                g,
                                takesFile(g)
                                    ? OutboundMessage.file(file.filename(), file.bytes())
                                    : link(file, period),
                                "bulletin:" + period.key() + ":" + audience + ":" + g.id()))
                    .toList());
  }

  private boolean takesFile(GroupChat g) {
    return g.platform() == Platform.WECOM
        && outbox.groupDestination(g.platform(), g.botId(), g.chatId()).channel()
            == Destination.Channel.WEBHOOK;
  }

  private OutboundMessage link(BulletinFile file, BulletinPeriod period) {
    String title = "督查通报（" + file.year() + "年第" + file.number() + "期）：" + period.label();
    String where =
        service
            .publicUrl("/dashboard/bulletin.docx?week=" + period.key())
            .map(url -> "，下载（需登录督办平台）：" + url)
            .orElse("，请登录督办平台“督办看板”下载。");
    return OutboundMessage.text(title + "已印发" + where, List.of());
  }

  /** When a week's reports are due, as the requirements say it: 每周四15:00前. */
  private String dueText(BulletinPeriod period) {
    ZonedDateTime due = reports.dueOf(ReportWeek.of(period.to())).atZone(zone);
    return "每"
        + due.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.CHINA)
        + String.format("%02d:%02d", due.getHour(), due.getMinute())
        + "前";
  }
}
