package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeishuFrameTest {

  /**
   * The bytes the Go SDK's generated marshaller ({@code ws/pbbp2.pb.go}, {@code
   * MarshalToSizedBuffer}) writes for {@code NewPingFrame(7)}: fields 1–4 as varints even when 0,
   * the header, empty strings 6, 7 and 9, no payload.
   */
  @Test
  void encodesThePingFrameByteForByteAsTheSdk() {
    String expected = "08001000180720002a0c0a047479706512047069" + "6e6732003a004a00";

    assertThat(HexFormat.of().formatHex(FeishuFrame.ping(7).encode())).isEqualTo(expected);
  }

  @Test
  void readsBackEveryFieldOfADataFrame() {
    FeishuFrame frame =
        new FeishuFrame(
            300,
            1L << 40,
            7,
            FeishuFrame.DATA,
            List.of(
                new FeishuFrame.Header("type", "event"),
                new FeishuFrame.Header("message_id", "消息-1")),
            "gzip",
            "json",
            "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
            "log-new");

    FeishuFrame read = FeishuFrame.decode(frame.encode());

    assertThat(read.seqId()).isEqualTo(300);
    assertThat(read.logId()).isEqualTo(1L << 40);
    assertThat(read.service()).isEqualTo(7);
    assertThat(read.method()).isEqualTo(FeishuFrame.DATA);
    assertThat(read.header("message_id")).isEqualTo("消息-1");
    assertThat(read.payloadEncoding()).isEqualTo("gzip");
    assertThat(read.payloadType()).isEqualTo("json");
    assertThat(new String(read.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(read.logIdNew()).isEqualTo("log-new");
  }

  @Test
  void refusesATruncatedFrame() {
    byte[] whole = FeishuFrame.ping(7).encode();
    byte[] cut = java.util.Arrays.copyOf(whole, 12);

    assertThatThrownBy(() -> FeishuFrame.decode(cut)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void putsASplitPayloadBackTogetherInSeqOrder() {
    FeishuFragments fragments = new FeishuFragments();
    FeishuFrame second = part("m1", 2, 1, "world");
    FeishuFrame first = part("m1", 2, 0, "hello ");

    assertThat(fragments.add(second)).isNull();
    assertThat(new String(fragments.add(first), StandardCharsets.UTF_8)).isEqualTo("hello world");
  }

  private static FeishuFrame part(String id, int sum, int seq, String text) {
    return new FeishuFrame(
        0,
        0,
        7,
        FeishuFrame.DATA,
        List.of(
            new FeishuFrame.Header("type", "event"),
            new FeishuFrame.Header("message_id", id),
            new FeishuFrame.Header("sum", Integer.toString(sum)),
            new FeishuFrame.Header("seq", Integer.toString(seq))),
        "",
        "",
        text.getBytes(StandardCharsets.UTF_8),
        "");
  }
}
