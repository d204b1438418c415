package io.duban.security;

/** What a token holder may do: leaders read, admins also configure. */
public enum Role {
  ADMIN,
  LEADER;

  String authority() {
    return "ROLE_" + name();
  }
}
