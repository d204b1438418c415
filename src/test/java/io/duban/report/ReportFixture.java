package io.duban.report;

import io.duban.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Seeds progress reports straight into this test run's database (as the report feature stores them)
 * and removes them afterwards, so dashboard tests see known data without the chat pipeline.
 */
public final class ReportFixture implements AutoCloseable {

  public ReportFixture() {
    // Test classes share one database per run; reports other classes left behind (the report
    // feature's tests store some in the same weeks) would change the lights and rows asserted here.
    sql("delete from progress_report");
    sql("delete from item_closing");
    sql("delete from item_closing_audit");
  }

  /** Stores a report by the contact with the given WeCom user id, in that contact's unit. */
  public long report(
      String item,
      String userId,
      String status,
      Integer percent,
      String text,
      String period,
      Instant at) {
    return report(item, userId, status, percent, text, period, at, false);
  }

  public long report(
      String item,
      String userId,
      String status,
      Integer percent,
      String text,
      String period,
      Instant at,
      boolean late) {
    return report(2024, item, userId, status, percent, text, period, at, late);
  }

  /**
   * A report of plan year {@code planYear} (the tests' plan is 2024's; another year's is history).
   */
  public long report(
      int planYear,
      String item,
      String userId,
      String status,
      Integer percent,
      String text,
      String period,
      Instant at,
      boolean late) {
    try (Connection c = TestDatabase.connect();
        var s =
            c.prepareStatement(
                "insert into progress_report (plan_year, item_code, unit_code, contact_id,"
                    + " platform, sender_id, sender_name, status, percent, text, period, created_at,"
                    + " late, verified) select ?, ?, unit_code, id, platform, platform_user_id,"
                    + " name, ?, ?, ?, ?, ?, ?, true from contact"
                    + " where platform_user_id = ? returning id")) {
      s.setInt(1, planYear);
      s.setString(2, item);
      s.setString(3, status);
      if (percent == null) {
        s.setNull(4, java.sql.Types.INTEGER);
      } else {
        s.setInt(4, percent);
      }
      s.setString(5, text);
      s.setString(6, period);
      s.setTimestamp(7, Timestamp.from(at));
      s.setBoolean(8, late);
      s.setString(9, userId);
      try (var rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no contact " + userId);
        }
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void sql(String statement) {
    try (Connection c = TestDatabase.connect();
        var s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    // also what the code under test stored (e.g. a report typed in the simulator)
    sql("delete from progress_report");
    sql("delete from item_closing");
    sql("delete from item_closing_audit");
  }
}
