package io.duban.dashboard;

/** Chinese names of report statuses as users see them. */
final class ReportStatusLabel {

  private ReportStatusLabel() {}

  static String of(String status) {
    if (status == null) {
      return "";
    }
    return switch (status) {
      case "IN_PROGRESS" -> "推进中";
      case "DONE" -> "已完成";
      case "DELAYED" -> "滞后";
      case "BLOCKED" -> "受阻";
      default -> status;
    };
  }
}
