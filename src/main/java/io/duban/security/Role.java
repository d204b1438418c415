package io.duban.security;

/** What a token holder may do: leaders read, admins also configure. */
public enum Role {
  ADMIN,
  LEADER,
  /** The 督查 office: 复核 of 申请办结, 退回, and filing 交办事项. */
  SUPERVISOR;

  String authority() {
    return "ROLE_" + name();
  }
}
