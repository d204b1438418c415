package io.duban.digest;

import java.util.List;

/**
 * What the digest chart shows.
 *
 * @param title the chart title, e.g. {@code 2024年重点工作推进情况（2024-W23）}
 * @param sections completion per plan section, in plan order
 * @param statuses how many items show each light
 */
record ChartData(String title, List<Bar> sections, List<Count> statuses) {

  public ChartData {
    sections = List.copyOf(sections);
    statuses = List.copyOf(statuses);
  }

  /** One section's average completion, 0..100. */
  public record Bar(String label, int percent) {}

  /**
   * How many items have one status.
   *
   * @param rgb the colour of its bar, e.g. {@code 0x2e7d32}
   */
  public record Count(String label, long count, int rgb) {}
}
