package io.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Plain console lines on the embedded default, JSON lines against a production database. */
class LogFormatTest {

  static String console(Map<String, Object> properties) {
    var environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("given", properties));
    new LogFormat().postProcessEnvironment(environment, new SpringApplication());
    return environment.getProperty(LogFormat.CONSOLE);
  }

  @Test
  void plainLinesOnTheEmbeddedDefault() {
    assertThat(console(Map.of("duban.db.url", ""))).isEmpty();
    assertThat(console(Map.of())).isEmpty();
  }

  @Test
  void jsonLinesWithAConfiguredDatabase() {
    assertThat(console(Map.of("duban.db.url", "postgresql://db:5432/duban"))).isEqualTo("ecs");
  }

  @Test
  void theOperatorsChoiceWins() {
    assertThat(console(Map.of("duban.log-format", "logstash"))).isEqualTo("logstash");
    assertThat(
            console(Map.of("duban.db.url", "postgresql://db/duban", "duban.log-format", "plain")))
        .isEmpty();
    assertThat(console(Map.of("logging.structured.format.console", "gelf"))).isEqualTo("gelf");
  }
}
