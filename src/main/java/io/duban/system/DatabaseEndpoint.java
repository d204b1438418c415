package io.duban.system;

/**
 * The PostgreSQL server and database the service uses, in the one form both drivers derive their
 * URLs from.
 *
 * @param address {@code host:port/database[?params]}, no scheme
 */
record DatabaseEndpoint(String address, String user, String password) {

  /** Reads {@code postgresql://...}, also with a {@code jdbc:} or {@code r2dbc:} prefix. */
  static DatabaseEndpoint parse(String url, String user, String password) {
    String rest = url.trim();
    for (String prefix : new String[] {"jdbc:", "r2dbc:"}) {
      if (rest.startsWith(prefix)) {
        rest = rest.substring(prefix.length());
      }
    }
    if (!rest.startsWith("postgresql://") || rest.length() == "postgresql://".length()) {
      throw new IllegalArgumentException(
          "DUBAN_DB_URL must look like postgresql://host:5432/database");
    }
    return new DatabaseEndpoint(rest.substring("postgresql://".length()), user, password);
  }

  String jdbcUrl() {
    return "jdbc:postgresql://" + address;
  }

  String r2dbcUrl() {
    return "r2dbc:postgresql://" + address;
  }

  @Override
  public String toString() {
    return "postgresql://" + address + " as " + user;
  }
}
