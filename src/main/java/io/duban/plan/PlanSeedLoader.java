package io.duban.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Loads the reviewed seed plan at first start, when the catalogue is still empty. */
@Component
@Order(10)
@ConditionalOnProperty(name = "duban.seed.enabled", havingValue = "true", matchIfMissing = true)
class PlanSeedLoader implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(PlanSeedLoader.class);
  static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final PlanService plans;
  private final PlanProperties properties;

  PlanSeedLoader(PlanService plans, PlanProperties properties) {
    this.plans = plans;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    // Start-up edge: nothing is served yet, so a bounded wait here blocks no request.
    plans
        .isEmpty()
        .filter(Boolean::booleanValue)
        .filter(empty -> properties.seed() != null && properties.seed().exists())
        .flatMap(empty -> Mono.fromCallable(this::read))
        .flatMap(plan -> plans.store(plan, AliasExtractor.extract(plan.items(), document(plan))))
        .doOnNext(
            r ->
                log.info(
                    "Loaded seed plan {} ({} items, {} leaves)",
                    r.year(),
                    r.items(),
                    r.leaves().size()))
        .block(Duration.ofMinutes(1));
  }

  /** The document the seed was reviewed from, beside it, whose summary may write short forms. */
  private String document(ParsedPlan plan) {
    if (plan.source() == null || plan.source().isBlank()) {
      return null;
    }
    try {
      Resource document = properties.seed().createRelative(plan.source());
      if (!document.exists()) {
        return null;
      }
      try (InputStream in = document.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      log.warn("Seed document {} not read for aliases: {}", plan.source(), e.toString());
      return null;
    }
  }

  private ParsedPlan read() throws IOException {
    try (InputStream in = properties.seed().getInputStream()) {
      return YAML.readValue(in, PlanSeed.class).toPlan();
    }
  }
}
