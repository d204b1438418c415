package io.duban.unit;

/** What kind of body a unit is. */
public enum UnitKind {
  /** 科室, a department of the bureau. */
  DEPARTMENT,
  /** 下属事业单位, an affiliated institution. */
  INSTITUTION,
  /** The leaders' group that receives digests and escalations. */
  LEADERS
}
