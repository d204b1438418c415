package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The database a {@link ServiceProcess} runs on, read with plain JDBC by a test that waits on the
 * other process's work.
 */
public record ServiceDatabase(String url) {

  /** A fresh database of its own for {@code purpose} (see {@link TestDatabase#createAnother}). */
  public static ServiceDatabase create(String purpose) {
    return new ServiceDatabase(TestDatabase.createAnother(purpose));
  }

  /** The first column of the first row of {@code sql}, as text. */
  public String text(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:" + url, TestDatabase.user(), "");
        ResultSet rows = c.createStatement().executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row of {@code sql}, as a number. */
  public long count(String sql) {
    String value = text(sql);
    return value == null ? 0 : Long.parseLong(value);
  }

  /** Waits for {@code condition}, checked every 100 ms, failing after {@code limit}. */
  public static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting " + limit).isLessThan(deadline);
      Thread.sleep(100); // waiting on another process's work; there is no clock to move
    }
  }
}
