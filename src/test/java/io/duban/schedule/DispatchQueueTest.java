package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.unit.GroupChat;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A fire to 2,000 units is queued by a few multi-row inserts and says truthfully what it queued:
 * each key once (also when named twice, or queued by an earlier run of the fire), the units that
 * cannot be reached counted apart.
 */
@QuietSpringTest
class DispatchQueueTest {

  @Autowired QuietService quiet;
  @Autowired DispatchQueue queue;

  @BeforeEach
  void fresh() throws SQLException {
    quiet.reset(Instant.parse("2024-06-13T07:00:00Z"));
  }

  @Test
  void queuesTwoThousandUnitsOnceEachAndCountsWhatItQueued() throws Exception {
    List<Dispatch> fire = new ArrayList<>();
    for (int u = 1; u <= 2000; u++) {
      // four robots share the units' groups; unit 7's bot is not configured
      String bot = u == 7 ? "nobody" : "w" + (1 + u % 4);
      fire.add(dispatch(u, bot));
    }
    fire.add(dispatch(5, "w2")); // the same key again in one fire

    FireOutcome first = queue.enqueue(fire).block(Duration.ofSeconds(60));

    assertThat(first.outcome()).isEqualTo(FireOutcome.Outcome.SENT);
    assertThat(first.messages()).isEqualTo(2000);
    assertThat(first.keys()).hasSize(2000).doesNotHaveDuplicates();
    assertThat(first.refused()).isEqualTo(1);
    assertThat(first.detail()).contains("已排队 2000 条").contains("等 2000 个单位").contains("u7");
    assertThat(count("select count(*) from outbox_message where dedupe_key like 'reminder:%'"))
        .isEqualTo(2000);
    assertThat(
            count(
                "select count(*) from outbox_message where dedupe_key = 'reminder:u2000'"
                    + " and status = 'PENDING' and payload->>'text' = '请报送 u2000'"))
        .isEqualTo(1);

    // the fire run again (Quartz recovering it on another instance) queues nothing twice
    List<Dispatch> again = new ArrayList<>(fire.subList(1990, 2000));
    again.add(dispatch(2001, "w1"));
    FireOutcome second = queue.enqueue(again).block(Duration.ofSeconds(60));
    assertThat(second.messages()).isEqualTo(1);
    assertThat(second.keys()).containsExactly("reminder:u2001");
    assertThat(queue.enqueue(fire).block(Duration.ofSeconds(60)).outcome())
        .isEqualTo(FireOutcome.Outcome.NOTHING);
    assertThat(count("select count(*) from outbox_message")).isEqualTo(2001);
  }

  private static Dispatch dispatch(int unit, String bot) {
    return new Dispatch(
        new GroupChat(unit, "u" + unit, Platform.WECOM, bot, "chat-" + unit, "单位" + unit + "群"),
        OutboundMessage.text("请报送 u" + unit, List.of()),
        "reminder:u" + unit);
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
