package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;

class ChatSignInStatesTest {

  final MovableClock clock = new MovableClock(Instant.parse("2024-06-03T01:00:00Z"));
  final ChatSignInStates states = new ChatSignInStates(clock, Duration.ofMinutes(5));
  final InMemoryWebSessionStore store = new InMemoryWebSessionStore();

  /** A request of the browser whose session is {@code session} (a new one when null). */
  ServerWebExchange browser(WebSession session) {
    var manager = new DefaultWebSessionManager();
    manager.setSessionStore(store);
    var exchange =
        MockServerWebExchange.builder(MockServerHttpRequest.get("/sign-in/wecom"))
            .sessionManager(
                e ->
                    session == null
                        ? manager.getSession(e)
                        : reactor.core.publisher.Mono.just(session))
            .build();
    return exchange;
  }

  WebSession sessionOf(ServerWebExchange exchange) {
    return exchange.getSession().block();
  }

  @Test
  void aStateWorksOnceForItsPlatformInItsSession() {
    ServerWebExchange first = browser(null);
    String state = states.issue(first, "wecom").block();
    WebSession session = sessionOf(first);

    assertThat(state).matches("[0-9a-f]{48}");
    assertThat(states.consume(browser(session), "dingtalk", state).block())
        .as("a state is for the platform it was issued for")
        .isFalse();
    String again = states.issue(browser(session), "wecom").block();
    assertThat(states.consume(browser(session), "wecom", again).block()).isTrue();
    assertThat(states.consume(browser(session), "wecom", again).block())
        .as("used once, then gone")
        .isFalse();
  }

  @Test
  void anotherBrowsersOrAForgedStateIsRefused() {
    ServerWebExchange victim = browser(null);
    String state = states.issue(victim, "feishu").block();

    assertThat(states.consume(browser(null), "feishu", state).block())
        .as("another session did not issue it")
        .isFalse();
    assertThat(states.consume(browser(sessionOf(victim)), "feishu", "0".repeat(48)).block())
        .isFalse();
    assertThat(states.consume(browser(sessionOf(victim)), "feishu", "").block()).isFalse();
    assertThat(states.consume(browser(sessionOf(victim)), "feishu", null).block()).isFalse();
    assertThat(states.consume(browser(sessionOf(victim)), "feishu", state).block()).isTrue();
  }

  @Test
  void aStateExpiresAfterItsTimeToLive() {
    ServerWebExchange first = browser(null);
    WebSession session = sessionOf(first);
    String late = states.issue(first, "wecom").block();
    String inTime = states.issue(browser(session), "wecom").block();

    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    assertThat(states.consume(browser(session), "wecom", inTime).block()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(states.consume(browser(session), "wecom", late).block()).isFalse();
  }

  @Test
  void aSessionKeepsAtMostFivePendingSignIns() {
    ServerWebExchange first = browser(null);
    WebSession session = sessionOf(first);
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      issued.add(states.issue(browser(session), "wecom").block());
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(
            session.getAttributes().keySet().stream()
                .filter(k -> k.startsWith(ChatSignInStates.PREFIX)))
        .hasSize(5);
    assertThat(states.consume(browser(session), "wecom", issued.get(0)).block()).isFalse();
    assertThat(states.consume(browser(session), "wecom", issued.get(6)).block()).isTrue();
  }
}
