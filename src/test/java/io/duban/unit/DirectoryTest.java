package io.duban.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.chat.Platform;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The message path's units, contacts and chats come from memory ({@link Directory}), and memory
 * follows every change: another instance's (heard through V32's NOTIFY), one made while the
 * listening connection was down (forgotten when it listens again), and this instance's own admin
 * edit, seen by the very next read.
 */
@QuietSpringTest
class DirectoryTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(20);

  @Autowired QuietService quiet;
  @Autowired UnitService units;
  @Autowired WebTestClient web;

  @BeforeEach
  void fresh() throws SQLException {
    quiet.reset(Instant.parse("2024-06-10T02:00:00Z"));
    execute(
        "insert into unit (code, name, kind, position) values ('dir-a', '目录甲科', 'DEPARTMENT', 1)");
    assertThat(eventually(() -> units.unit("dir-a").blockOptional(WAIT))).isPresent();
  }

  @Test
  void seesAContactAnotherInstanceAddsOnceItCommits() throws SQLException {
    assertThat(speaker("dir.one")).as("kept: nobody with this id yet").isEmpty();

    // another instance's write: another connection, nothing of this one's repository
    execute(
        "insert into contact (unit_code, name, platform, platform_user_id, role)"
            + " values ('dir-a', '目录甲', 'WECOM', 'dir.one', 'CONTACT')");
    execute(
        "insert into group_chat (unit_code, platform, bot_id, chat_id, name)"
            + " values ('dir-a', 'WECOM', 'w1', 'wrkDirA', '甲科群')");

    Optional<Speaker> heard = eventually(() -> speaker("dir.one").filter(Speaker::trusted));
    assertThat(heard).as("the new contact, trusted in its unit's chat").isPresent();
    assertThat(heard.get().contact().name()).isEqualTo("目录甲");
  }

  @Test
  void forgetsWhatItKeptWhenItsListeningConnectionComesBack() throws SQLException {
    assertThat(speaker("dir.two")).isEmpty();

    // the connection drops and the contact is added before it listens again: no one hears that
    assertThat(
            count(
                "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                    + " where datname = current_database() and query like 'LISTEN%'"))
        .isEqualTo(1);
    execute(
        "insert into contact (unit_code, name, platform, platform_user_id, role)"
            + " values ('dir-a', '目录乙', 'WECOM', 'dir.two', 'CONTACT')");

    assertThat(eventually(() -> units.findContact(Platform.WECOM, "dir.two").blockOptional(WAIT)))
        .as("read again once listening again")
        .isPresent();
  }

  @Test
  void anAdminEditIsSeenByTheVeryNextMessage() throws SQLException {
    execute(
        "insert into contact (unit_code, name, platform, platform_user_id, role)"
            + " values ('dir-a', '目录丙', 'WECOM', 'dir.three', 'CONTACT')");
    execute(
        "insert into group_chat (unit_code, platform, bot_id, chat_id, name)"
            + " values ('dir-a', 'WECOM', 'w1', 'wrkDirA', '甲科群')");
    Speaker before = eventually(() -> speaker("dir.three")).orElseThrow();

    web.put()
        .uri("/api/v1/contacts/" + before.contact().id())
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(Map.of("name", "目录丙改", "role", "LEADER"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("目录丙改");

    // at once, not once the notification is heard
    Speaker after = speaker("dir.three").orElseThrow();
    assertThat(after.contact().name()).isEqualTo("目录丙改");
    assertThat(after.contact().role()).isEqualTo(ContactRole.LEADER);
  }

  private Optional<Speaker> speaker(String userId) {
    return units.speaker(Platform.WECOM, "w1", "wrkDirA", false, userId, null).blockOptional(WAIT);
  }

  /** What {@code read} answers once it answers something, or empty after {@link #WAIT} * 3. */
  private static <T> Optional<T> eventually(Supplier<Optional<T>> read) {
    long until = System.nanoTime() + WAIT.multipliedBy(3).toNanos();
    Optional<T> found = read.get();
    while (found.isEmpty() && System.nanoTime() < until) {
      LockSupport.parkNanos(POLL.toNanos());
      found = read.get();
    }
    return found;
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = QuietService.connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = QuietService.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
