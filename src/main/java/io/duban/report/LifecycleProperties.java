package io.duban.report;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The 督办 steps after assignment ({@code duban.report.lifecycle}).
 *
 * @param supervisors platform user ids of the 督查 office's people, who 复核 a 申请办结 and may 退回 in chat;
 *     empty: every leader may (a bureau without a separate office), default empty
 * @param reviewRequired true: 确认办结 needs a 申请办结 the 督查 office passed; false: a lead unit's DONE
 *     report suffices too (a 复核 退回 still stops it), default false
 * @param draftTtl how long a 交办 typed in chat waits for the leader's 确认, default 30m
 * @param announcePlanAssignments tell lead units' groups of the items a published plan assigns them
 *     (each then owes a 签收), default true
 */
@ConfigurationProperties("duban.report.lifecycle")
record LifecycleProperties(
    List<String> supervisors,
    Boolean reviewRequired,
    Duration draftTtl,
    Boolean announcePlanAssignments) {

  LifecycleProperties {
    supervisors = supervisors == null ? List.of() : List.copyOf(supervisors);
    reviewRequired = reviewRequired != null && reviewRequired;
    draftTtl = draftTtl == null ? Duration.ofMinutes(30) : draftTtl;
    announcePlanAssignments = announcePlanAssignments == null || announcePlanAssignments;
  }

  /** True when {@code userId} may act as the 督查 office in chat (a leader, when none is named). */
  boolean supervises(String userId, boolean leader) {
    return supervisors.isEmpty() ? leader : supervisors.contains(userId);
  }
}
