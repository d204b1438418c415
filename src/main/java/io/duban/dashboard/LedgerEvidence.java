package io.duban.dashboard;

import io.duban.evidence.Evidence;
import io.duban.evidence.EvidenceFile;
import io.duban.report.ItemStanding;
import io.duban.report.PlanStanding;
import io.duban.report.ReportWeek;
import io.duban.system.ServiceProperties;
import io.duban.unit.Contact;
import io.duban.unit.Unit;
import io.duban.unit.UnitService;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The 佐证材料 the ledger of a week lists: every piece stored with a report of one of the ledger's
 * items and sent before the week ended, with the sender's name and unit, by item in the ledger's
 * order.
 */
@Component
class LedgerEvidence {

  private static final Map<String, String> TYPE_NAMES =
      Map.of(
          "image/png", "PNG",
          "image/jpeg", "JPEG",
          "image/gif", "GIF",
          "image/webp", "WebP",
          "application/pdf", "PDF",
          "application/msword", "Word",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel");

  private final Evidence evidence;
  private final UnitService units;
  private final ServiceProperties service;
  private final ZoneId zone;

  LedgerEvidence(Evidence evidence, UnitService units, ServiceProperties service, ZoneId zone) {
    this.evidence = evidence;
    this.units = units;
    this.service = service;
    this.zone = zone;
  }

  Mono<List<EvidenceLine>> lines(ReportWeek week, PlanStanding board) {
    Instant end = week.end(zone);
    Map<String, Integer> order = new HashMap<>();
    Map<String, String> titles = new HashMap<>();
    for (ItemStanding r : board.rows()) {
      order.putIfAbsent(r.item().code(), order.size());
      titles.putIfAbsent(r.item().code(), r.item().title());
    }
    return Mono.zip(
            evidence
                .all()
                .filter(f -> f.sentAt().isBefore(end) && order.containsKey(f.itemCode()))
                .collectList(),
            units
                .allContacts()
                .collectMap(c -> c.platform() + ":" + c.platformUserId(), Function.identity()),
            units.units().collectMap(Unit::code, Unit::name))
        .map(
            t ->
                t.getT1().stream()
                    .sorted(
                        Comparator.comparing((EvidenceFile f) -> order.get(f.itemCode()))
                            .thenComparing(EvidenceFile::sentAt)
                            .thenComparingLong(EvidenceFile::id))
                    .map(f -> line(f, titles, t.getT2(), t.getT3()))
                    .collect(Collectors.toList()));
  }

  private EvidenceLine line(
      EvidenceFile f,
      Map<String, String> titles,
      Map<String, Contact> contacts,
      Map<String, String> unitNames) {
    Contact sender = contacts.get(f.platform() + ":" + f.senderId());
    String path = "/dashboard/evidence/" + f.id();
    return new EvidenceLine(
        f.itemCode(),
        titles.getOrDefault(f.itemCode(), ""),
        sender == null ? "" : unitNames.getOrDefault(sender.unitCode(), sender.unitCode()),
        f.fileName(),
        ("IMAGE".equals(f.kind()) ? "图片" : "文件")
            + "（"
            + TYPE_NAMES.getOrDefault(f.contentType(), f.contentType())
            + "）",
        f.sizeText(),
        sender == null ? f.senderId() : sender.name(),
        f.sentAt(),
        service.publicUrl(path).orElse(path));
  }
}
