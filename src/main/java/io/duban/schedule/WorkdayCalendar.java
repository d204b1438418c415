package io.duban.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Chinese work days: Monday to Friday, minus the statutory holidays, plus the make-up working days
 * (调休上班) of the State Council's yearly notice, read from one YAML file per year.
 */
public final class WorkdayCalendar {

  private static final Logger log = LoggerFactory.getLogger(WorkdayCalendar.class);

  /** How far a PREVIOUS/NEXT_WORKDAY rule looks before giving up (the longest break is 9 days). */
  private static final int MAX_SHIFT_DAYS = 31;

  private final Map<LocalDate, String> holidays;
  private final Set<LocalDate> makeUpWorkdays;
  private final Set<Integer> years;

  WorkdayCalendar(List<HolidayYear> years) {
    this.holidays = new HashMap<>();
    this.makeUpWorkdays = new HashSet<>();
    this.years = new HashSet<>();
    for (HolidayYear year : years) {
      this.years.add(year.year());
      for (HolidayYear.Holiday holiday : year.holidays()) {
        holiday
            .from()
            .datesUntil(holiday.to().plusDays(1))
            .forEach(d -> holidays.put(d, holiday.name()));
      }
      makeUpWorkdays.addAll(year.workdays());
    }
  }

  /**
   * Reads every {@code *.yml} file at {@code location} (e.g. {@code classpath:config/holidays/} or
   * {@code file:/etc/duban/holidays/}); none found gives a weekend-only calendar.
   */
  public static WorkdayCalendar load(String location) {
    String base = location.endsWith("/") ? location : location + "/";
    ObjectMapper yaml = new YAMLMapper();
    try {
      Resource[] files = new PathMatchingResourcePatternResolver().getResources(base + "*.yml");
      if (files.length == 0) {
        log.warn("No holiday files at {}: only weekends count as days off", base);
      }
      List<HolidayYear> years = new ArrayList<>();
      for (Resource file : files) {
        try (InputStream in = file.getInputStream()) {
          years.add(yaml.readValue(in, HolidayYear.class));
        }
      }
      log.info(
          "Work-day calendar covers {}", years.stream().map(HolidayYear::year).sorted().toList());
      return new WorkdayCalendar(years);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read holiday files at " + base, e);
    }
  }

  /** True when people work on {@code day}. */
  public boolean isWorkday(LocalDate day) {
    if (makeUpWorkdays.contains(day)) {
      return true;
    }
    if (holidays.containsKey(day)) {
      return false;
    }
    DayOfWeek dow = day.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  /** The statutory holiday {@code day} belongs to, if any. */
  public Optional<String> holiday(LocalDate day) {
    return Optional.ofNullable(holidays.get(day));
  }

  /** True when the State Council's notice for {@code year} is loaded. */
  public boolean covers(int year) {
    return years.contains(year);
  }

  /**
   * The day a fire planned for {@code day} actually happens on under {@code rule}, or empty when
   * the rule skips it.
   */
  public Optional<LocalDate> shift(LocalDate day, WorkdayRule rule) {
    if (rule == WorkdayRule.FIRE_ANY_DAY || isWorkday(day)) {
      return Optional.of(day);
    }
    return switch (rule) {
      case SKIP_NON_WORKDAY, FIRE_ANY_DAY -> Optional.empty();
      case PREVIOUS_WORKDAY -> nearestWorkday(day, -1);
      case NEXT_WORKDAY -> nearestWorkday(day, 1);
    };
  }

  private Optional<LocalDate> nearestWorkday(LocalDate day, int step) {
    for (int i = 1; i <= MAX_SHIFT_DAYS; i++) {
      LocalDate candidate = day.plusDays((long) i * step);
      if (isWorkday(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
