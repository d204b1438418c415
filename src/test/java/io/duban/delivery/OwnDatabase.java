package io.duban.delivery;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for tests that must not share rows with the rest of the run (a
 * simulated week counts every outbox row; a cluster test starts its own instances).
 */
public final class OwnDatabase {

  private static final String SERVER =
      System.getenv().getOrDefault("DUBAN_TEST_PG", "127.0.0.1:5432");
  public static final String USER = System.getenv().getOrDefault("DUBAN_TEST_PG_USER", "postgres");

  public final String name;

  public OwnDatabase() {
    name = "duban_sched_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("create database " + name);
    Runtime.getRuntime().addShutdownHook(new Thread(this::drop));
  }

  public String url() {
    return "postgresql://" + SERVER + "/" + name;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:" + url(), USER, "");
  }

  public void drop() {
    try {
      execute("drop database if exists " + name + " with (force)");
    } catch (RuntimeException e) {
      System.err.println("Could not drop " + name + ": " + e.getMessage());
    }
  }

  private static void execute(String sql) {
    try (Connection c =
            DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", USER, "");
        var st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
