package io.duban;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock tests move by hand instead of sleeping. */
public final class MovableClock extends Clock {

  private volatile Instant now;
  private final ZoneId zone;

  public MovableClock(Instant start) {
    this(start, ZoneId.of("Asia/Shanghai"));
  }

  public MovableClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new MovableClock(now, zone);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
