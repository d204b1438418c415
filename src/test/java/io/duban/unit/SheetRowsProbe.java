package io.duban.unit;

import java.util.List;
import java.util.Set;

/**
 * Run in a JVM of its own with a small heap by {@link SheetRowsTest}: reads the two large sheets
 * and prints what the import answered, one line each. Running out of memory ends it non-zero.
 */
final class SheetRowsProbe {

  private SheetRowsProbe() {}

  public static void main(String[] args) {
    List<Unit> units = List.of(new Unit("finance", "科技金融与资源配置科", UnitKind.DEPARTMENT));
    for (byte[] xlsx : List.of(LargeSheets.blank(400), LargeSheets.dense(60_000, 20))) {
      SheetOutcome outcome = AssignmentSheet.read(xlsx, Set.of("6"), units);
      System.out.println(outcome.problems().get(0).message());
      xlsx = null;
    }
  }
}
