package io.duban.dashboard;

import io.duban.report.ReportWeek;
import java.util.List;

/**
 * Per unit and week, whether the unit reported on the items it leads: on time, late or not.
 *
 * @param units the lines of this page
 * @param page this page, from 1
 * @param pages how many pages there are (at least 1)
 * @param total how many units lead an item, on every page
 */
public record Participation(
    ReportWeek week, List<ReportWeek> weeks, List<UnitLine> units, int page, int pages, int total) {

  /** Page {@code page} of these lines, {@code size} to a page; out of range: the nearest page. */
  Participation page(int page, int size) {
    int count = Math.max(1, (units.size() + size - 1) / size);
    int p = Math.max(1, Math.min(count, page));
    int from = (p - 1) * size;
    return new Participation(
        week,
        weeks,
        units.subList(from, Math.min(units.size(), from + size)),
        p,
        count,
        units.size());
  }

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

    /** How many of its items the page names; the rest are counted. */
    static final int ITEMS_NAMED = 12;

    /** Its items as the page names them: the first few, then how many more. */
    public String itemsText() {
      String named = String.join("、", items.subList(0, Math.min(ITEMS_NAMED, items.size())));
      return items.size() > ITEMS_NAMED ? named + " 等" + items.size() + "项" : named;
    }

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
