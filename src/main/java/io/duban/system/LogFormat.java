package io.duban.system;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the console's log format before logging starts: {@code duban.log-format} ({@code
 * DUBAN_LOG_FORMAT}) when set ({@code plain}, or a structured format such as {@code ecs}, {@code
 * logstash}, {@code gelf}); otherwise plain readable lines on the embedded default database and ECS
 * JSON lines when {@code duban.db.url} points at a production database.
 */
class LogFormat implements EnvironmentPostProcessor, Ordered {

  static final String PROPERTY = "duban.log-format";
  static final String CONSOLE = "logging.structured.format.console";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.containsProperty(CONSOLE)) {
      return; // set directly: a test profile, or an operator's own logging.* setting
    }
    String console =
        console(environment.getProperty(PROPERTY), environment.getProperty("duban.db.url"));
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("duban-log-format", Map.of(CONSOLE, console)));
  }

  /** The structured format for the console, or empty for plain lines. */
  static String console(String chosen, String databaseUrl) {
    if (chosen != null && !chosen.isBlank()) {
      return chosen.strip().equalsIgnoreCase("plain") ? "" : chosen.strip();
    }
    return databaseUrl == null || databaseUrl.isBlank() ? "" : "ecs";
  }

  @Override
  public int getOrder() {
    // after the configuration files and the environment have been read
    return Ordered.LOWEST_PRECEDENCE;
  }
}
