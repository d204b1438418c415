package io.duban.plan;

import java.util.regex.Pattern;

/**
 * The codes of 督办事项: {@code J<year>-NNN} (J2026-001), numbered through the year they are filed in.
 * Plan codes are dotted numbers, so the two can never collide.
 */
public final class TaskCodes {

  /** A task code as stored. */
  public static final Pattern CODE = Pattern.compile("J\\d{4}-\\d{3,}");

  private TaskCodes() {}

  static String code(int year, int number) {
    return String.format("J%d-%03d", year, number);
  }

  /** True when {@code code} is a task code. */
  public static boolean isTask(String code) {
    return code != null && CODE.matcher(code).matches();
  }
}
