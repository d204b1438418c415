package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the platform sender tests: a fake platform server, a clock the test moves, and the timed
 * HTTP client and token cache a sender gets in production.
 */
public abstract class SenderTestSupport {

  protected final FakePlatformServer platform = new FakePlatformServer();
  protected final MovableClock clock;

  protected SenderTestSupport(Instant start) {
    clock = new MovableClock(start);
  }

  @AfterEach
  void stopPlatform() {
    platform.close();
  }

  /** The platform client senders use, with {@code timeout} per call. */
  protected static PlatformHttp http(Duration timeout) {
    return new PlatformHttp(WebClient.builder().build(), JsonMapper.builder().build(), timeout);
  }

  protected static PlatformHttp http() {
    return http(Duration.ofSeconds(5));
  }

  protected AccessTokens tokens() {
    return new AccessTokens(clock, Duration.ofMinutes(5));
  }

  /** Asserts the platform received requests to exactly these URIs, in order; returns them. */
  protected List<FakePlatformServer.Recorded> assertReceived(String... uris) {
    List<FakePlatformServer.Recorded> all = platform.received();
    assertThat(all).extracting(FakePlatformServer.Recorded::uri).containsExactly(uris);
    return all;
  }

  /** Asserts that {@code send} fails with a {@link SendFailure}, retryable or not; returns it. */
  protected static SendFailure failure(Mono<Void> send, boolean retryable) {
    AtomicReference<SendFailure> failure = new AtomicReference<>();
    StepVerifier.create(send)
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        SendFailure.class,
                        f -> {
                          assertThat(f.retryable()).isEqualTo(retryable);
                          failure.set(f);
                        }))
        .verify();
    return failure.get();
  }
}
