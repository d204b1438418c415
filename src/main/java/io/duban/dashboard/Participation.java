package io.duban.dashboard;

import io.duban.report.ReportWeek;
import java.util.List;

/** Per unit and week, whether the unit reported on the items it leads: on time, late or not. */
public record Participation(ReportWeek week, List<ReportWeek> weeks, List<UnitLine> units) {

  public enum Mark {
    ON_TIME("按时", "ok"),
    LATE("迟报", "late"),
    MISSING("未报", "missing"),
    /** Reported on some of the open items it leads, not on others. */
    PARTIAL("部分未报", "partial"),
    NONE("—", "none");

    private final String label;
    private final String css;

    Mark(String label, String css) {
      this.label = label;
      this.css = css;
    }

    public String label() {
      return label;
    }

    public String css() {
      return css;
    }
  }

  /** One unit's marks, oldest week first, with totals. */
  public record UnitLine(String code, String name, List<String> items, List<Mark> marks) {
    public long count(Mark mark) {
      return marks.stream().filter(m -> m == mark).count();
    }

    public long onTime() {
      return count(Mark.ON_TIME);
    }

    public long late() {
      return count(Mark.LATE);
    }

    /** Weeks in which at least one open item it leads went unreported. */
    public long missing() {
      return count(Mark.MISSING) + count(Mark.PARTIAL);
    }
  }
}
