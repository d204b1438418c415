package io.duban.security;

import java.util.Set;

/**
 * What an admin fills in to create an account.
 *
 * @param login the sign-in name: lower-case letters, digits, {@code . _ -}, at most 64
 * @param displayName the name people read, at most 64 characters
 * @param unitCode the unit's code, or null
 * @param roles at least one of ADMIN, LEADER, SUPERVISOR, VIEWER
 * @param password the first password, or null for an account that signs in with the work chat only
 */
public record NewAccount(
    String login, String displayName, String unitCode, Set<Role> roles, String password) {

  @Override
  public String toString() {
    return "NewAccount[login=" + login + ", roles=" + roles + "]";
  }
}
