package io.duban.security;

import java.time.Instant;
import java.util.Set;

/**
 * A person who signs in as themselves. The password hash never leaves the security package, so this
 * record is safe to return from the API and to show on pages.
 *
 * @param id the account's number
 * @param login what the person types to sign in (lower case, {@code [a-z0-9._-]})
 * @param displayName the name people read (张三)
 * @param unitCode the unit the person belongs to, or null (leaders, the 督查 office)
 * @param roles what the person may do
 * @param passwordSet whether a password sign-in is possible (false: work-chat sign-in only)
 * @param disabledAt when an admin disabled the account, or null while it is active
 * @param createdAt when it was created
 * @param createdBy who created it (an audit name)
 */
public record Account(
    long id,
    String login,
    String displayName,
    String unitCode,
    Set<Role> roles,
    boolean passwordSet,
    Instant disabledAt,
    Instant createdAt,
    String createdBy) {

  public Account {
    roles = Set.copyOf(roles);
  }

  /** Whether an admin disabled it: a disabled account cannot sign in and its tokens stop. */
  public boolean disabled() {
    return disabledAt != null;
  }

  /** How audit rows name this person: {@code 张三（zhangsan）}. */
  public String auditName() {
    return SignedIn.auditName(displayName, login);
  }
}
