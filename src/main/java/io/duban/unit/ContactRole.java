package io.duban.unit;

/** Whether a person reports for a unit or leads. */
public enum ContactRole {
  CONTACT,
  LEADER
}
