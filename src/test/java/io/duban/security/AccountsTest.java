package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.DubanSpringTest;
import io.duban.system.DomainException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** Accounts in PostgreSQL: created, bound to chat identities and found by them, validated. */
@DubanSpringTest
class AccountsTest {

  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired Accounts accounts;
  @Autowired DatabaseClient db;

  static String login(String stem) {
    return stem + "-" + System.nanoTime() % 1_000_000 + "-" + SEQ.incrementAndGet();
  }

  @Test
  void findsTheAccountBoundToAChatIdentityOnlyOnThatPlatformAndCorp() {
    Account leader =
        accounts
            .create(new NewAccount(login("wang"), "王局长", null, Set.of(Role.LEADER), null))
            .block(WAIT);
    assertThat(leader.passwordSet()).isFalse();
    String user = "wang-" + leader.id();
    accounts.bind(leader.id(), new ChatIdentity("wecom", "ww-corp-1", user)).block(WAIT);

    assertThat(accounts.findByChatIdentity("WECOM", "ww-corp-1", user).block(WAIT))
        .extracting(Account::id, Account::roles)
        .containsExactly(leader.id(), Set.of(Role.LEADER));
    assertThat(accounts.findByChatIdentity("WECOM", "ww-corp-2", user).blockOptional(WAIT))
        .as("same user id in another corp is another person")
        .isEmpty();
    assertThat(accounts.findByChatIdentity("DINGTALK", "ww-corp-1", user).blockOptional(WAIT))
        .isEmpty();

    Account other =
        accounts
            .create(new NewAccount(login("li"), "李某", null, Set.of(Role.VIEWER), null))
            .block(WAIT);
    assertThatThrownBy(
            () ->
                accounts.bind(other.id(), new ChatIdentity("WECOM", "ww-corp-1", user)).block(WAIT))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("已绑定");

    accounts.unbind(leader.id(), new ChatIdentity("WECOM", "ww-corp-1", user)).block(WAIT);
    assertThat(accounts.findByChatIdentity("WECOM", "ww-corp-1", user).blockOptional(WAIT))
        .isEmpty();
  }

  @Test
  void refusesBadLoginsRolesPasswordsAndDuplicatesChangingNothing() {
    long before = count();
    assertThatThrownBy(
            () ->
                accounts
                    .create(new NewAccount("Bad Login!", "某人", null, Set.of(Role.VIEWER), null))
                    .block(WAIT))
        .hasMessageContaining("登录名");
    assertThatThrownBy(
            () ->
                accounts.create(new NewAccount(login("x"), "某人", null, Set.of(), null)).block(WAIT))
        .hasMessageContaining("角色");
    assertThatThrownBy(
            () ->
                accounts
                    .create(new NewAccount(login("x"), "某人", null, Set.of(Role.VIEWER), "short"))
                    .block(WAIT))
        .hasMessageContaining("密码");
    assertThatThrownBy(
            () ->
                accounts
                    .create(
                        new NewAccount(login("x"), "某人", "no-such-unit", Set.of(Role.VIEWER), null))
                    .block(WAIT))
        .hasMessageContaining("单位");
    assertThat(count()).isEqualTo(before);

    String taken = login("dup");
    accounts.create(new NewAccount(taken, "甲", null, Set.of(Role.VIEWER), null)).block(WAIT);
    assertThatThrownBy(
            () ->
                accounts
                    .create(
                        new NewAccount(taken.toUpperCase(), "乙", null, Set.of(Role.VIEWER), null))
                    .block(WAIT))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("已被使用");
  }

  @Test
  void storesOnlyABcryptHashOfThePassword() {
    String login = login("hash");
    accounts
        .create(new NewAccount(login, "赵某", null, Set.of(Role.VIEWER), "secret-pass-123"))
        .block(WAIT);
    String stored =
        db.sql("SELECT password_hash FROM account WHERE login = :l")
            .bind("l", login)
            .map(r -> r.get(0, String.class))
            .one()
            .block(WAIT);
    assertThat(stored).startsWith("{bcrypt}$2").doesNotContain("secret-pass-123");
  }

  private long count() {
    return db.sql("SELECT count(*) FROM account").map(r -> r.get(0, Long.class)).one().block(WAIT);
  }
}
