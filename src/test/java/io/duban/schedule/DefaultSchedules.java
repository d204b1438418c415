package io.duban.schedule;

import io.duban.QuietService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * Puts back the default schedules as a first start writes them, with their Quartz triggers planned
 * from the clock's present, for a test class that begins from them.
 */
final class DefaultSchedules {

  private DefaultSchedules() {}

  /** Resets the quiet context to {@code now}, then writes the default schedules afresh. */
  static void restore(
      QuietService quiet, Instant now, ScheduleTriggers triggers, ScheduleBootstrap bootstrap)
      throws Exception {
    quiet.reset(now);
    try (Connection c = QuietService.connect();
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("select id from schedule")) {
        while (rs.next()) {
          triggers.remove(rs.getLong(1)).block(Duration.ofSeconds(10));
        }
      }
      st.execute("truncate schedule cascade");
    }
    bootstrap.run(null);
  }
}
