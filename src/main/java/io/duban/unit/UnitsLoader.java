package io.duban.unit;

import java.io.InputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads {@code config/units.yml} at first start (no units stored yet). Later changes go through the
 * admin API and stay in the database; the file is not read again.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "duban.seed.enabled", havingValue = "true", matchIfMissing = true)
class UnitsLoader implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(UnitsLoader.class);
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final UnitService units;
  private final UnitsProperties properties;

  UnitsLoader(UnitService units, UnitsProperties properties) {
    this.units = units;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    // Start-up edge: the service is not serving yet, so waiting here is bounded and harmless.
    units
        .isEmpty()
        .filter(Boolean::booleanValue)
        .filter(empty -> properties.file() != null && properties.file().exists())
        .flatMap(empty -> Mono.fromCallable(this::read))
        .flatMap(
            doc ->
                units
                    .apply(doc)
                    .then(
                        Mono.fromRunnable(
                            () ->
                                log.info(
                                    "Loaded {} units and {} assignments from {}",
                                    doc.units().size(),
                                    doc.assignments().size(),
                                    properties.file()))))
        .block(Duration.ofMinutes(1));
  }

  private UnitsDocument read() throws Exception {
    try (InputStream in = properties.file().getInputStream()) {
      return YAML.readValue(in, UnitsDocument.class);
    }
  }
}
