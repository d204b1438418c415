package io.duban.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * At start: writes the default schedules of {@code config/schedules.yml} when none are stored, then
 * makes sure every enabled schedule has its Quartz trigger (instances racing here agree, since each
 * replaces the trigger with the same next fire).
 */
@Component
class ScheduleBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ScheduleBootstrap.class);

  /** The shape of {@code config/schedules.yml}. */
  record SeedFile(List<ScheduleDraft.Body> schedules) {}

  private final ScheduleRepository repository;
  private final ScheduleTriggers triggers;
  private final ScheduleProperties properties;
  private final Clock clock;

  ScheduleBootstrap(
      ScheduleRepository repository,
      ScheduleTriggers triggers,
      ScheduleProperties properties,
      Clock clock) {
    this.repository = repository;
    this.triggers = triggers;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) throws SchedulerException, java.io.IOException {
    Long count = repository.count().block(Duration.ofSeconds(30));
    if (count != null && count == 0 && properties.seedFile().exists()) {
      SeedFile seed =
          YAMLMapper.builder()
              .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
              .build()
              .readValue(properties.seedFile().getInputStream(), SeedFile.class);
      Flux.fromIterable(seed.schedules())
          .map(ScheduleDraft::validate)
          .concatMap(d -> repository.insert(d, clock.instant()))
          .doOnNext(s -> log.info("Seeded schedule {} ({} '{}')", s.name(), s.kind(), s.cron()))
          .then()
          .block(Duration.ofSeconds(30));
    }
    List<Schedule> all = repository.all().collectList().block(Duration.ofSeconds(30));
    for (Schedule s : all == null ? List.<Schedule>of() : all) {
      if (s.enabled() && triggers.plannedBlocking(s.id()).isEmpty()) {
        triggers
            .planBlocking(s, clock.instant())
            .ifPresent(t -> log.info("Schedule {} next fires at {}", s.name(), t));
      }
    }
  }
}
