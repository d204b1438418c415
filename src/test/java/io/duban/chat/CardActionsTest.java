package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Only the 签收 actions Duban writes are read back as commands. */
class CardActionsTest {

  @Test
  void aButtonsActionStandsForTheTypedAcknowledgement() {
    assertThat(CardActions.acknowledge("J2026-001")).isEqualTo("ack:J2026-001");
    assertThat(CardActions.command("ack:J2026-001")).contains("签收 J2026-001");
    assertThat(CardActions.command(" ack:1.2.1 ")).contains("签收 1.2.1");
  }

  @Test
  void anythingElseIsNoCommand() {
    assertThat(CardActions.command(null)).isEmpty();
    assertThat(CardActions.command("key111")).isEmpty();
    assertThat(CardActions.command("ack:")).isEmpty();
    assertThat(CardActions.command("ack:1.2 申请办结 1.2")).isEmpty();
    assertThat(CardActions.command("ack:J2026-001\n退回 1.2")).isEmpty();
    assertThatThrownBy(() -> CardActions.acknowledge("1.2 x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
