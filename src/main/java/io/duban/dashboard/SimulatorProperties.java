package io.duban.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The chat simulator ({@code duban.simulator}).
 *
 * @param enabled true or false to force the simulator on or off; unset (the default) turns it on
 *     only with the embedded default database, i.e. when {@code duban.db.url} is empty
 * @param bot the generic bot id the simulated messages arrive on and replies are read from, default
 *     {@code local}
 */
@ConfigurationProperties("duban.simulator")
record SimulatorProperties(Boolean enabled, String bot) {

  SimulatorProperties {
    bot = bot == null || bot.isBlank() ? "local" : bot.strip();
  }
}
