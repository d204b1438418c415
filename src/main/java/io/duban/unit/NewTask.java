package io.duban.unit;

import io.duban.plan.TaskSource;
import java.time.LocalDate;
import java.util.List;

/**
 * A 交办事项 as a leader, the API or a 交办清单 row states it, before it is filed.
 *
 * @param source where it comes from (批示, 会议, 建议提案, 其他)
 * @param sourceRef the source document's number (文号), or null
 * @param sourceText the source document's words (批示原文, 会议纪要摘录), or null
 * @param content what is to be done
 * @param leadUnit the lead unit, by code or by name as people write it
 * @param supportUnits the supporting units, by code or name
 * @param leader the responsible leader (责任领导), or null
 * @param deadline the 完成时限
 * @param milestones optional points on the way
 */
public record NewTask(
    TaskSource source,
    String sourceRef,
    String sourceText,
    String content,
    String leadUnit,
    List<String> supportUnits,
    String leader,
    LocalDate deadline,
    List<Milestone> milestones) {

  /** Longest content accepted. */
  public static final int MAX_CONTENT = 2000;

  public NewTask {
    supportUnits = supportUnits == null ? List.of() : List.copyOf(supportUnits);
    milestones = milestones == null ? List.of() : List.copyOf(milestones);
  }
}
