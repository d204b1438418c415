package io.duban.unit;

import java.util.List;

/**
 * What an uploaded responsibilities sheet came to: the stored assignments when every row was valid,
 * else every problem found (and nothing stored).
 */
public record SheetOutcome(List<Assignment> assignments, List<SheetProblem> problems) {

  public SheetOutcome {
    assignments = List.copyOf(assignments);
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
