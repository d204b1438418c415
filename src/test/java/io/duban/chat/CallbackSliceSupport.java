package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Base of the {@link CallbackSliceTest}s: the client, the fake store, and what a refusal is. */
public abstract class CallbackSliceSupport {

  @Autowired protected WebTestClient client;
  @Autowired protected FakeInboundStore store;
  @Autowired protected FakeReplayGuard replays;

  @BeforeEach
  void emptyStore() {
    store.clear();
    replays.clear();
  }

  /** Asserts the callback was refused with {@code status} and {@code error}, storing nothing. */
  protected void assertRefused(
      WebTestClient.ResponseSpec response, HttpStatus status, String error) {
    response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.error").isEqualTo(error);
    assertThat(store.stored()).as("what reached the store").isEmpty();
  }
}
