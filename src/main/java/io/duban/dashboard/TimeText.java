package io.duban.dashboard;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formats instants for the pages in the service's zone. */
public record TimeText(ZoneId zone) {

  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm");
  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  public String time(Instant instant) {
    return instant == null ? "" : SHORT.format(instant.atZone(zone));
  }

  public String full(Instant instant) {
    return instant == null ? "" : FULL.format(instant.atZone(zone));
  }
}
