package io.duban;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One fresh PostgreSQL database per test run (per JVM), created on first use on the server named by
 * {@code DUBAN_TEST_PG} (default {@code 127.0.0.1:5432}, user postgres) and dropped when the run
 * ends.
 */
public final class TestDatabase {

  private static final String SERVER =
      System.getenv().getOrDefault("DUBAN_TEST_PG", "127.0.0.1:5432");
  private static final String USER = System.getenv().getOrDefault("DUBAN_TEST_PG_USER", "postgres");
  private static volatile String name;

  private TestDatabase() {}

  /** The {@code postgresql://} URL of this run's database, creating it on first call. */
  public static synchronized String url() {
    if (name == null) {
      String candidate =
          "duban_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      execute("create database " + candidate);
      name = candidate;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(candidate)));
    }
    return "postgresql://" + SERVER + "/" + name;
  }

  /** Another fresh database for a test that needs one of its own; dropped when the run ends. */
  public static String createAnother(String purpose) {
    String database =
        "duban_test_"
            + purpose
            + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    execute("create database " + database);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(database)));
    return "postgresql://" + SERVER + "/" + database;
  }

  public static String user() {
    return USER;
  }

  /** A JDBC connection to this run's database, for assertions on stored rows. */
  public static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:" + url(), USER, "");
  }

  private static void drop(String database) {
    try {
      execute("drop database if exists " + database + " with (force)");
    } catch (RuntimeException e) {
      System.err.println("Could not drop test database " + database + ": " + e.getMessage());
    }
  }

  private static void execute(String sql) {
    try (Connection c =
            DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", USER, "");
        var statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + SERVER + " is needed for tests: " + e.getMessage(), e);
    }
  }

  /** Points the application under test at this run's database. */
  public static final class Initializer
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of("duban.db.url=" + url(), "duban.db.user=" + USER)
          .applyTo(context.getEnvironment());
    }
  }
}
