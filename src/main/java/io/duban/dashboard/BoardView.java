package io.duban.dashboard;

import io.duban.plan.PlanItem;
import io.duban.report.ItemStanding;
import io.duban.report.Light;
import io.duban.report.PlanStanding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the board shows of a plan's standing. A plan of a few hundred items is shown whole, as it
 * always was; a province's plan of 10,000 is not (every leaf made a page of 9 MB): its parts are
 * listed with their counts per light and their completion, one part is opened on demand ({@code
 * ?part=}), and the items shown at once are paged. Filters by unit and light apply before either.
 *
 * @param sections the parts with at least one matching item, in plan order
 * @param collapsed whether the parts are listed closed (only {@code part}'s items are shown)
 * @param part the opened part's code when collapsed, else null
 * @param matching how many items match the filters, on every part
 * @param reds the first red items (the board names {@link #REDS_SHOWN} at most)
 * @param redCount how many items are red in all
 * @param page the page of the opened items, from 1
 * @param pages how many pages of them there are
 */
record BoardView(
    List<SectionView> sections,
    boolean collapsed,
    String part,
    int matching,
    List<ItemStanding> reds,
    int redCount,
    int page,
    int pages) {

  /** A plan with more items than this (after filters) is listed by part. */
  static final int OPEN_LIMIT = 300;

  /** Items shown on one page of an opened part. */
  static final int PAGE_SIZE = 200;

  /** Red items named at the top of the board. */
  static final int REDS_SHOWN = 20;

  /**
   * A part of the plan as the board shows it.
   *
   * @param rows the items shown (empty when the part is listed closed)
   * @param matching how many of its items match the filters
   * @param counts of those, how many show each light, every light present
   * @param completion their average completion
   * @param open whether its items are shown
   */
  record SectionView(
      PlanItem item,
      List<ItemStanding> rows,
      int matching,
      Map<Light, Long> counts,
      int completion,
      boolean open) {}

  static BoardView of(PlanStanding board, Predicate<ItemStanding> wanted, String part, int page) {
    List<PlanStanding.Section> matched = new ArrayList<>();
    int matching = 0;
    for (PlanStanding.Section s : board.sections()) {
      List<ItemStanding> rows = s.rows().stream().filter(wanted).toList();
      if (!rows.isEmpty()) {
        matched.add(new PlanStanding.Section(s.item(), rows));
        matching += rows.size();
      }
    }
    boolean collapsed = matching > OPEN_LIMIT;
    String opened =
        collapsed && part != null && matched.stream().anyMatch(s -> s.item().code().equals(part))
            ? part
            : null;
    int shownCount =
        collapsed
            ? matched.stream()
                .filter(s -> s.item().code().equals(opened))
                .mapToInt(s -> s.rows().size())
                .sum()
            : matching;
    int pages = Math.max(1, (shownCount + PAGE_SIZE - 1) / PAGE_SIZE);
    int p = collapsed ? Math.max(1, Math.min(pages, page)) : 1;
    List<SectionView> sections = new ArrayList<>();
    for (PlanStanding.Section s : matched) {
      boolean open = !collapsed || s.item().code().equals(opened);
      List<ItemStanding> rows = open ? s.rows() : List.of();
      if (open && collapsed) {
        int from = (p - 1) * PAGE_SIZE;
        rows = rows.subList(Math.min(rows.size(), from), Math.min(rows.size(), from + PAGE_SIZE));
      }
      sections.add(
          new SectionView(s.item(), rows, s.rows().size(), counts(s.rows()), s.completion(), open));
    }
    List<ItemStanding> allReds = board.rows().stream().filter(r -> r.light() == Light.RED).toList();
    return new BoardView(
        sections,
        collapsed,
        opened,
        matching,
        allReds.subList(0, Math.min(REDS_SHOWN, allReds.size())),
        allReds.size(),
        p,
        collapsed && opened != null ? pages : 1);
  }

  private static Map<Light, Long> counts(List<ItemStanding> rows) {
    Map<Light, Long> counts = new EnumMap<>(Light.class);
    for (Light l : Light.values()) {
      counts.put(l, 0L);
    }
    rows.forEach(r -> counts.merge(r.light(), 1L, Long::sum));
    return counts;
  }
}
