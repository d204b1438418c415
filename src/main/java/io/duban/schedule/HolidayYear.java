package io.duban.schedule;

import java.time.LocalDate;
import java.util.List;

/**
 * One year of the State Council's holiday notice, as kept in {@code config/holidays/<year>.yml}.
 *
 * @param year the calendar year
 * @param holidays the days off, each a named closed range
 * @param workdays the make-up working days (调休上班), usually weekend days
 */
record HolidayYear(int year, List<Holiday> holidays, List<LocalDate> workdays) {

  HolidayYear {
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    workdays = workdays == null ? List.of() : List.copyOf(workdays);
    for (Holiday h : holidays) {
      if (h.to().isBefore(h.from()) || h.from().getYear() != year && h.to().getYear() != year) {
        throw new IllegalArgumentException("Holiday " + h.name() + " is outside " + year);
      }
    }
  }

  /** A named range of days off, both ends included. */
  record Holiday(String name, LocalDate from, LocalDate to) {}
}
