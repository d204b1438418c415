package io.duban.plan;

/**
 * The title of a plan item: its first clause (up to 。；：！？ outside quotes and brackets), never
 * longer than {@link #MAX} characters; a longer clause is cut at its last comma before the limit.
 *
 * @param text the title
 * @param cut true when the clause was longer than {@link #MAX} and had to be cut
 * @param heading true when the whole line is the title (a heading line without any sentence stop)
 */
record ItemTitle(String text, boolean cut, boolean heading) {

  static final int MAX = 40;

  static ItemTitle of(String line) {
    String text = line.strip();
    int stop = firstStop(text);
    String clause = stripEnd(stop < 0 ? text : text.substring(0, stop));
    boolean heading = stop < 0;
    if (clause.length() <= MAX) {
      return new ItemTitle(clause, false, heading);
    }
    int comma = -1;
    for (int i = Math.min(MAX, clause.length() - 1); i >= 8; i--) {
      char c = clause.charAt(i);
      if (c == '，' || c == ',' || c == '、') {
        comma = i;
        break;
      }
    }
    String cut = comma > 0 ? clause.substring(0, comma) : clause.substring(0, MAX);
    return new ItemTitle(stripEnd(cut), true, heading);
  }

  /** The first sentence or clause stop outside quotes and brackets, or -1. */
  private static int firstStop(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("“《（(「【".indexOf(c) >= 0) {
        depth++;
      } else if ("”》）)」】".indexOf(c) >= 0) {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && "。；;！!？?：:".indexOf(c) >= 0) {
        return i;
      }
    }
    return -1;
  }

  static String stripEnd(String text) {
    return text.strip().replaceAll("[。；;：:，,、.．\\s]+$", "");
  }
}
