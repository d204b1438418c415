package io.duban.plan;

import java.util.regex.Pattern;

/**
 * What a heading says its part of the document is: a summary of the past year (2023年工作情况, 工作回顾,
 * 主要成效), the plan (2024年工作计划, 主要任务, 下一步工作打算), an aside that holds no tasks (总体要求, 指导思想, 存在问题,
 * 保障措施), or anything else (a theme of the plan).
 */
enum PartHeading {
  SUMMARY,
  PLAN,
  ASIDE,
  OTHER;

  private static final Pattern TIME =
      Pattern.compile(
          "^((19|20)\\d{2}\\s*年(度)?|下一步|下步|下阶段|下一阶段|明年|今年|新的一年|今后|近期|“十[一二三四五六七八九]五”时期)(的)?");
  private static final Pattern SUMMARY_WORDS =
      Pattern.compile(
          "总结|回顾|工作情况|完成情况|执行情况|进展情况|落实情况|开展情况|推进情况|总体情况|基本情况|取得成效|主要成效|工作成效|"
              + "取得的成效|主要成绩|工作成绩|取得的成绩|亮点工作|工作亮点|主要做法|经验做法|做法和成效|总結|回顧|工作情況");
  private static final Pattern PLAN_WITH_TIME =
      Pattern.compile("^.{0,10}?(计划|要点|规划|打算|思路|安排|谋划|展望|重点|任务|举措|措施|計劃|要點|規劃)(草案)?$");
  private static final Pattern PLAN_ALONE =
      Pattern.compile(
          "^(工作计划|工作要点|工作规划|工作打算|工作思路|工作安排|工作重点|重点工作|主要工作|主要任务|重点任务|工作任务|目标任务|"
              + "主要工作任务|重点工作任务|工作措施|主要措施|主要工作措施|工作举措|具体措施|计划|打算|思路|下步打算|任务清单|"
              + "工作計劃|工作要點)$");
  private static final Pattern ASIDE_ALONE =
      Pattern.compile(
          "^(总体要求|指导思想|总体思路|基本原则|工作原则|主要原则|保障措施|工作要求|组织保障|工作保障|保障机制|组织领导|"
              + "有关要求|其他事项|存在问题|存在的问题|问题和不足|问题与不足|存在的问题和不足|困难和问题|存在的困难和问题|"
              + "主要问题|不足之处|形势分析|面临形势|工作背景|编制依据)$");

  /** Classifies a heading's words (after its marker). */
  static PartHeading of(String heading) {
    String text = ItemTitle.stripEnd(heading).replaceAll("\\s+", "");
    if (text.isEmpty() || text.length() > 30 || text.matches(".*[。，,；;].*")) {
      return OTHER;
    }
    if (SUMMARY_WORDS.matcher(text).find()) {
      return SUMMARY;
    }
    if (ASIDE_ALONE.matcher(text).matches()) {
      return ASIDE;
    }
    if (PLAN_ALONE.matcher(text).matches()) {
      return PLAN;
    }
    var time = TIME.matcher(text);
    if (time.find() && PLAN_WITH_TIME.matcher(text.substring(time.end())).matches()) {
      return PLAN;
    }
    return OTHER;
  }

  /** True when a title names a plan (工作计划, 工作要点, 任务清单, 任务分解…). */
  static boolean planTitle(String title) {
    return title != null
        && Pattern.compile("计划|要点|规划|打算|思路|安排|任务|清单|分解|分工|方案|重点工作|計劃|要點").matcher(title).find();
  }

  /** True when a title names a summary only (工作总结 without a plan beside it). */
  static boolean summaryTitle(String title) {
    return title != null && SUMMARY_WORDS.matcher(title).find() && !planTitle(title);
  }
}
