package io.duban.demo;

import io.duban.system.DatabaseProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Once the service is up, says in one line where to go: the dashboard (the demo week when the demo
 * is on) and, when the admin token was generated, the file it is in (never the token itself).
 */
@Component
class FirstRunNotice {

  private static final Logger log = LoggerFactory.getLogger(FirstRunNotice.class);

  private final DemoLoader demo;
  private final DatabaseProperties database;
  private final Environment environment;

  FirstRunNotice(DemoLoader demo, DatabaseProperties database, Environment environment) {
    this.demo = demo;
    this.database = database;
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    String port = environment.getProperty("local.server.port", "8080");
    String page =
        "http://localhost:"
            + port
            + (demo.enabled() ? "/dashboard?week=" + DemoLoader.DEMO_WEEK : "/dashboard");
    Path token = database.dataDir().resolve("admin-token").toAbsolutePath();
    boolean generated =
        environment.getProperty("duban.security.admin-token", "").isBlank()
            && Files.isReadable(token);
    if (generated) {
      log.info(
          ">>> Duban is ready: {}  sign in with the token in {}  (cat {})", page, token, token);
    } else {
      log.info(">>> Duban is ready: {}", page);
    }
  }
}
