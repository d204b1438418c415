package io.duban.schedule;

import io.duban.chat.OutboundMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.context.ApplicationContext;
import reactor.core.publisher.Mono;

/**
 * A leaders' digest built by the running service's {@link DigestPlanner} exactly as a DIGEST fire
 * builds it, up to the messages it would queue; for the benchmark in {@code bench}.
 */
public final class DigestProbe {

  /**
   * What one build produced.
   *
   * @param texts text messages (one per leaders' group)
   * @param textChars length of the composed digest text
   * @param images chart images
   * @param imageBase64Chars length of the chart's base64 PNG
   */
  public record Built(int texts, int textChars, int images, int imageBase64Chars) {}

  private final DigestPlanner planner;
  private final ZoneId zone;
  private final Schedule schedule;

  private DigestProbe(DigestPlanner planner, ZoneId zone) {
    this.planner = planner;
    this.zone = zone;
    Instant now = Instant.now();
    this.schedule =
        new Schedule(
            0,
            "bench-digest",
            ScheduleKind.DIGEST,
            "0 0 9 ? * MON",
            zone,
            new ScheduleTarget.Leaders(),
            true,
            WorkdayRule.FIRE_ANY_DAY,
            now,
            now);
  }

  public static DigestProbe of(ApplicationContext context, ZoneId zone) {
    return new DigestProbe(context.getBean(DigestPlanner.class), zone);
  }

  /** Builds the digest a fire on {@code day} would send: the week before it, text and chart. */
  public Mono<Built> build(LocalDate day) {
    return planner
        .plan(schedule, day.atTime(9, 0).atZone(zone).toInstant())
        .map(DigestProbe::summary);
  }

  private static Built summary(List<Dispatch> dispatches) {
    int texts = 0;
    int textChars = 0;
    int images = 0;
    int imageChars = 0;
    for (Dispatch d : dispatches) {
      if (d.dedupeKey().startsWith("bulletin:")) {
        continue; // the week's 通报 follows the digest; it is not the digest
      }
      if (d.message().format() == OutboundMessage.Format.IMAGE) {
        images++;
        imageChars = d.message().text().length();
      } else {
        texts++;
        textChars = d.message().text().length();
      }
    }
    return new Built(texts, textChars, images, imageChars);
  }
}
