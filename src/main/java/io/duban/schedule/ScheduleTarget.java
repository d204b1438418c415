package io.duban.schedule;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom a schedule's messages go to, parsed once from its stored text ({@link #text()}): every unit
 * ({@code units}), one unit ({@code unit:<code>}) or the leaders ({@code leaders}).
 */
sealed interface ScheduleTarget {

  /** What an admin is told when a target cannot be read. */
  String EXPECTED = "应为 units（各单位）、leaders（领导）或 unit:单位代码";

  Pattern ONE_UNIT = Pattern.compile("unit:([a-z0-9][a-z0-9_-]*)");

  /** Every unit: reminders to each unit, the digest to every group. */
  record Units() implements ScheduleTarget {
    @Override
    public String text() {
      return "units";
    }

    @Override
    public String label() {
      return "各单位";
    }
  }

  /** One unit alone. */
  record OneUnit(String code) implements ScheduleTarget {
    @Override
    public String text() {
      return "unit:" + code;
    }

    @Override
    public String label() {
      return "单位 " + code;
    }
  }

  /** The leaders' groups. */
  record Leaders() implements ScheduleTarget {
    @Override
    public String text() {
      return "leaders";
    }

    @Override
    public String label() {
      return "领导";
    }
  }

  /** The target as stored and as the API shows it. */
  String text();

  /** The target as the dashboard shows it. */
  String label();

  /** The target {@code text} names (surrounding blanks ignored), or empty when it names none. */
  static Optional<ScheduleTarget> read(String text) {
    String t = text == null ? "" : text.strip();
    if (t.equals("units")) {
      return Optional.of(new Units());
    }
    if (t.equals("leaders")) {
      return Optional.of(new Leaders());
    }
    Matcher m = ONE_UNIT.matcher(t);
    return m.matches() ? Optional.of(new OneUnit(m.group(1))) : Optional.empty();
  }

  /** The target of a stored schedule; stored targets were checked when they were saved. */
  static ScheduleTarget stored(String text) {
    return read(text)
        .orElseThrow(() -> new IllegalStateException("stored schedule target '" + text + "'"));
  }
}
