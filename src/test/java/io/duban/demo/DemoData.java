package io.duban.demo;

import io.duban.report.ReportFixture;

/** Empties the reports and the demo mark, so a test loads the demo afresh (and leaves none). */
final class DemoData {

  private DemoData() {}

  static void clear() {
    new ReportFixture().close();
    ReportFixture.sql("delete from demo_load");
  }
}
