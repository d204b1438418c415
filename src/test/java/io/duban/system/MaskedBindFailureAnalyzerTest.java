package io.duban.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.DubanApplication;
import io.duban.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A configuration that cannot be bound is explained without the values of secret properties. */
@ExtendWith(OutputCaptureExtension.class)
class MaskedBindFailureAnalyzerTest {

  private final MaskedBindFailureAnalyzer analyzer = new MaskedBindFailureAnalyzer();

  @Test
  void aServiceThatCannotBindItsConfigurationNamesTheSecretPropertyButNotItsValue(
      CapturedOutput output) {
    String secret = "generic-bot-secret-7f3a9c";
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(DubanApplication.class)
                    .run(
                        "--server.port=0",
                        "--duban.db.url=" + TestDatabase.url(),
                        "--duban.db.user=" + TestDatabase.user(),
                        "--duban.security.admin-token=bind-failure-admin-token",
                        "--logging.structured.format.console=",
                        // an index with nothing before it is left unbound: Boot's own analyzer
                        // prints its value
                        "--duban.chat.generic[1].secret=" + secret))
        .isNotNull();
    assertThat(output.getAll())
        .contains("duban.chat.generic[1].secret")
        .contains(MaskedBindFailureAnalyzer.MASK)
        .doesNotContain(secret);
  }

  @Test
  void aValueThatCannotBeConvertedIsHiddenWhenItsNameLooksSecretAndShownOtherwise() {
    FailureAnalysis secret = analyze(Map.of("demo.api-key", "s3cr3t-not-a-duration"));
    assertThat(secret.getDescription())
        .contains("demo.api-key")
        .contains(MaskedBindFailureAnalyzer.MASK)
        .doesNotContain("s3cr3t");

    FailureAnalysis plain = analyze(Map.of("demo.timeout", "ten-minutes"));
    assertThat(plain.getDescription()).contains("demo.timeout").contains("\"ten-minutes\"");
  }

  @Test
  void namesThatLookSecret() {
    assertThat(MaskedBindFailureAnalyzer.secret("duban.chat.wecom[0].encoding-aes-key")).isTrue();
    assertThat(MaskedBindFailureAnalyzer.secret("duban.chat.dingtalk[0].app-secret")).isTrue();
    assertThat(MaskedBindFailureAnalyzer.secret("duban.db.password")).isTrue();
    assertThat(MaskedBindFailureAnalyzer.secret("duban.security.admin-token")).isTrue();
    assertThat(MaskedBindFailureAnalyzer.secret("duban.delivery.max-backoff")).isFalse();
  }

  private FailureAnalysis analyze(Map<String, String> properties) {
    Binder binder = new Binder(new MapConfigurationPropertySource(properties));
    try {
      binder.bind("demo", Bindable.of(Demo.class));
    } catch (BindException e) {
      return analyzer.analyze(new IllegalStateException("context failed", e));
    }
    throw new AssertionError("binding did not fail");
  }

  record Demo(Duration apiKey, Duration timeout) {}
}
