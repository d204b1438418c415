package io.duban.schedule;

import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz side of a schedule: thin on purpose. It hands the fire to the reactive {@link
 * ScheduleRunner} and waits for it with a bounded timeout; the JDBC job store makes sure only one
 * instance of the cluster runs a given fire.
 */
@DisallowConcurrentExecution
public class ScheduleJob implements Job {

  static final String SCHEDULE_ID = "scheduleId";

  private static final Logger log = LoggerFactory.getLogger(ScheduleJob.class);

  private final ScheduleRunner runner;
  private final ScheduleProperties properties;

  ScheduleJob(ScheduleRunner runner, ScheduleProperties properties) {
    this.runner = runner;
    this.properties = properties;
  }

  @Override
  public void execute(JobExecutionContext context) {
    long scheduleId = context.getMergedJobDataMap().getLong(SCHEDULE_ID);
    try {
      runner
          .runScheduled(scheduleId, context.getScheduledFireTime().toInstant())
          .block(properties.jobTimeout().plus(Duration.ofSeconds(30)));
    } catch (RuntimeException e) {
      // Recorded as FAILED by the runner where it could; never rethrown, Quartz would refire.
      log.error("Schedule {} fire failed: {}", scheduleId, e.toString());
    }
  }
}
