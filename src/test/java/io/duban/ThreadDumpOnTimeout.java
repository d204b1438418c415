package io.duban;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints every thread's stack, the requests the test servers are handling and the database sessions
 * that are not idle when a test fails because a blocking read timed out, so that a hang in CI (a
 * request never answered) shows where the request was at that moment.
 */
public final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (timedOut(failure)) {
      StringBuilder dump =
          new StringBuilder("Thread dump after a timeout in ")
              .append(context.getDisplayName())
              .append(":\n");
      for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
        dump.append('"').append(thread.getThreadName()).append("\" ");
        dump.append(thread.getThreadState()).append('\n');
        for (StackTraceElement frame : thread.getStackTrace()) {
          dump.append("    at ").append(frame).append('\n');
        }
      }
      dump.append(InFlightRequests.describe());
      dump.append(databaseActivity());
      System.out.println(dump);
    }
    throw failure;
  }

  /**
   * What this run's database sessions are doing apart from idling: a request waiting for a lock
   * shows here with the sessions blocking it.
   */
  private static String databaseActivity() {
    StringBuilder out = new StringBuilder("Database sessions not idle:\n");
    try (Connection c = TestDatabase.connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select pid, state, wait_event_type, wait_event, now() - xact_start,"
                    + " now() - state_change, pg_blocking_pids(pid), left(query, 300)"
                    + " from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid() and state <> 'idle'")) {
      while (r.next()) {
        out.append("  pid ")
            .append(r.getInt(1))
            .append(' ')
            .append(r.getString(2))
            .append(" wait ")
            .append(r.getString(3))
            .append('/')
            .append(r.getString(4))
            .append(" transaction age ")
            .append(r.getString(5))
            .append(" state age ")
            .append(r.getString(6))
            .append(" blocked by ")
            .append(r.getString(7))
            .append(": ")
            .append(r.getString(8))
            .append('\n');
      }
    } catch (SQLException e) {
      out.append("  (could not read: ").append(e.getMessage()).append(")\n");
    }
    return out.toString();
  }

  private static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException
          || String.valueOf(t.getMessage()).startsWith("Timeout on blocking read")) {
        return true;
      }
    }
    return false;
  }
}
