package io.duban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * WeCom gives a message in a robot's group the robot's own webhook as its reply URL: the group's
 * reminders and the answers to its messages share the robot's 20 a minute at the platform, so they
 * share one rate bucket here; a reply URL naming another robot's key has a bucket of its own.
 */
@QuietSpringTest
class RobotBucketTest {

  @Autowired QuietService quiet;
  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher dispatcher;

  @BeforeEach
  void fresh() throws SQLException {
    quiet.reset(Instant.parse("2024-06-13T07:00:00Z"));
  }

  @Test
  void answersInARobotsOwnGroupCountAgainstItsTwentyAMinuteWithItsReminders() throws Exception {
    String base = QuietService.PLATFORM.baseUrl() + "/cgi-bin/webhook/send?key=";
    for (int i = 1; i <= 12; i++) {
      queue(Destination.webhook(Platform.WECOM, "w8"), "bucket:reminder:" + i);
      queue(replyUrl(base + "k8"), "bucket:answer:" + i);
    }
    for (int i = 1; i <= 3; i++) {
      queue(replyUrl(base + "k8-elsewhere"), "bucket:elsewhere:" + i);
    }

    dispatcher.dispatchDue().block(Duration.ofSeconds(30));

    assertThat(sent("bucket:reminder:%") + sent("bucket:answer:%"))
        .as("the robot's own key: reminders and answers together")
        .isEqualTo(20);
    assertThat(sent("bucket:answer:12")).isZero();
    assertThat(sent("bucket:elsewhere:%")).as("another robot's key").isEqualTo(3);
  }

  private static Destination replyUrl(String url) {
    return new Destination(Platform.WECOM, "w8", Destination.Channel.REPLY_URL, url);
  }

  private void queue(Destination to, String key) {
    outbox.enqueue(to, OutboundMessage.text(key, List.of()), key).block(Duration.ofSeconds(10));
  }

  private static long sent(String keys) throws SQLException {
    try (Connection c = QuietService.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(*) from outbox_message where status = 'SENT' and dedupe_key like '"
                    + keys
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
