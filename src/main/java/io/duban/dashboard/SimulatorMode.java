package io.duban.dashboard;

import io.duban.system.DatabaseProperties;
import org.springframework.stereotype.Component;

/** Whether the chat simulator is on: by default only on the embedded default database. */
@Component
class SimulatorMode {

  private final boolean active;
  private final String bot;

  SimulatorMode(SimulatorProperties properties, DatabaseProperties database) {
    this.active =
        properties.enabled() == null
            ? database.url() == null || database.url().isBlank()
            : properties.enabled();
    this.bot = properties.bot();
  }

  boolean active() {
    return active;
  }

  String bot() {
    return bot;
  }
}
