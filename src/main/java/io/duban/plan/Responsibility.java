package io.duban.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Who answers for a plan item as the document states it (a 任务分解表 column, a 牵头单位： line, a trailing
 * （责任科室：…）): unit names as written, not yet matched to known units.
 *
 * @param lead the leading unit (牵头), or null
 * @param supports the supporting units (配合), and further leads after the first
 * @param leader the responsible leader (责任领导/分管领导) as written, or null
 * @param deadline the deadline as written (完成时限), or null
 */
public record Responsibility(String lead, List<String> supports, String leader, String deadline) {

  public Responsibility {
    supports = List.copyOf(supports);
  }

  static final Responsibility NONE = new Responsibility(null, List.of(), null, null);

  boolean isEmpty() {
    return lead == null && supports.isEmpty() && leader == null && deadline == null;
  }

  /** Every unit named, lead first. */
  public List<String> units() {
    List<String> all = new ArrayList<>();
    if (lead != null) {
      all.add(lead);
    }
    all.addAll(supports);
    return all;
  }

  /** This responsibility with what {@code other} adds; a second lead becomes a support. */
  Responsibility and(Responsibility other) {
    if (other == null || other.isEmpty()) {
      return this;
    }
    LinkedHashSet<String> more = new LinkedHashSet<>(supports);
    String first = lead;
    if (first == null) {
      first = other.lead;
    } else if (other.lead != null && !other.lead.equals(first)) {
      more.add(other.lead);
    }
    more.addAll(other.supports);
    if (first != null) {
      more.remove(first);
    }
    return new Responsibility(
        first,
        List.copyOf(more),
        leader != null ? leader : other.leader,
        deadline != null ? deadline : other.deadline);
  }
}
