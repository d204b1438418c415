package io.duban.unit;

/** A problem found in one row of an uploaded sheet; {@code row} is the number Excel shows. */
public record SheetProblem(int row, String message) {

  @Override
  public String toString() {
    return "第" + row + "行：" + message;
  }
}
