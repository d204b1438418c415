package io.duban.plan;

import java.time.Instant;

/**
 * Where an item comes from and who filed it: {@link #PLAN} for the annual plan's own items; for a
 * 督办事项 the source kind, the source document's number (文号, e.g. 市政府常务会议纪要〔2026〕12号) and text, and
 * the person who filed it (交办) and when.
 */
public record ItemSource(
    TaskSource kind, String ref, String text, String filedBy, Instant filedAt) {

  /** The source of every item an imported plan document gave. */
  public static final ItemSource PLAN = new ItemSource(TaskSource.PLAN, null, null, null, null);

  public ItemSource {
    kind = kind == null ? TaskSource.PLAN : kind;
  }

  /** True for a 督办事项 (not from the annual plan). */
  public boolean task() {
    return kind != TaskSource.PLAN;
  }
}
