package io.duban.plan;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The title line of a plan document (中山市科学技术局2023年工作总结及2024年工作计划), found among its first lines:
 * what stands above it (web-page furniture, the covering notice 关于印发…的通知, its addressees and date,
 * a table of contents) is not part of the document. A title wrapped onto a second line (…2023年重点工作
 * / 任务分解和责任分工方案) is joined.
 *
 * @param text the title, or null when the document has none
 * @param line its first line, or 0
 * @param bodyFrom the index of the first line after it
 */
record DocumentTitle(String text, int line, int bodyFrom) {

  private static final int SEARCHED = 80;
  private static final Pattern NOT_A_TITLE =
      Pattern.compile("^(关于|名称|标题|附件|来源|现将|根据|为|按照)|通知|印发|的函|请示|批复|意见的|[。，,；;]|[:：]$");
  private static final Pattern DOCUMENT_KIND =
      Pattern.compile("(计划|要点|规划|打算|思路|安排|方案|清单|分解表|分解|任务|总结|报告)(（.*）|\\(.*\\))?$");
  private static final Pattern YEAR = Pattern.compile("(19|20)\\d{2}\\s*年");

  static DocumentTitle find(List<SourceLine> lines) {
    int seen = 0;
    for (int i = 0; i < lines.size() && seen < SEARCHED; i++) {
      SourceLine line = lines.get(i);
      if (line.blank()) {
        continue;
      }
      seen++;
      if (candidate(line.text())) {
        int next = nextNonBlank(lines, i + 1);
        if (next < lines.size() && secondLine(lines.get(next).text(), line.text())) {
          return new DocumentTitle(line.text() + lines.get(next).text(), line.number(), next + 1);
        }
        return new DocumentTitle(line.text(), line.number(), i + 1);
      }
    }
    return new DocumentTitle(null, 0, 0);
  }

  private static boolean candidate(String text) {
    if (text.length() < 6 || text.length() > 60 || text.matches(".*[\t|｜].*")) {
      return false;
    }
    if (Numbering.at(text) != null || NOT_A_TITLE.matcher(text).find()) {
      return false;
    }
    return PartHeading.planTitle(text)
        || PartHeading.summaryTitle(text)
        || DOCUMENT_KIND.matcher(text).find();
  }

  /** True for the second line of a title wrapped in two: short, no marker, naming the document. */
  private static boolean secondLine(String text, String first) {
    return text.length() <= 30
        && first.length() + text.length() <= 60
        && Numbering.at(text) == null
        && !NOT_A_TITLE.matcher(text).find()
        && !YEAR.matcher(text).lookingAt()
        && !text.matches(".*[\t|｜].*")
        && DOCUMENT_KIND.matcher(text).find()
        && !DOCUMENT_KIND.matcher(first).find();
  }

  private static int nextNonBlank(List<SourceLine> lines, int from) {
    int i = from;
    while (i < lines.size() && lines.get(i).blank()) {
      i++;
    }
    return i;
  }
}
