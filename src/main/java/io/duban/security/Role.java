package io.duban.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a person or token may do. VIEWER reads the board and pages only; LEADER also confirms and
 * reopens closings (领导操作); SUPERVISOR (督查专员) also works the review queue and the 督查 work; ADMIN
 * does everything, configuration included. Roles are additive: an account holds a set.
 */
public enum Role {
  ADMIN,
  LEADER,
  SUPERVISOR,
  VIEWER;

  /** Spring Security's authority name, {@code ROLE_ADMIN}. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** Every role, as role names for {@code hasAnyRole}. */
  static String[] names(Role... roles) {
    return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
  }

  /** The roles in a comma-separated text such as {@code ADMIN,LEADER}; unknown names refused. */
  static Set<Role> parse(String text) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : text.split(",")) {
      String name = part.strip().toUpperCase(Locale.ROOT);
      if (!name.isEmpty()) {
        roles.add(Role.valueOf(name));
      }
    }
    return roles;
  }

  /** The stored form: role names in declaration order, comma-separated. */
  static String text(Set<Role> roles) {
    return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
  }
}
