package io.duban.plan;

/** A piece of a plan document before its outline is read: a line of text or a table row. */
sealed interface DocumentBlock {

  /** A line outside any table. */
  record Text(SourceLine line) implements DocumentBlock {}

  /**
   * A row of a 任务分解表 read as a numbered entry, or a category row above such rows.
   *
   * @param line where the row starts
   * @param numbering its number (序号, or its place) and its task text
   * @param responsibility who answers for it, as the row states
   */
  record Row(int line, Numbering numbering, Responsibility responsibility)
      implements DocumentBlock {}
}
