package io.duban.system;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code application_name} of this instance's database connections, unique per instance ({@code
 * duban-} and a random part): what it writes can be told from what others write, as the outbox's
 * notifications do (V36), and {@code pg_stat_activity} shows which instance a session belongs to.
 */
record ConnectionName(String value) {

  static ConnectionName random() {
    return new ConnectionName(
        "duban-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
  }
}
