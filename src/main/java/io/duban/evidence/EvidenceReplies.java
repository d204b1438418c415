package io.duban.evidence;

import io.duban.chat.InboundMessage;
import io.duban.report.ReplySender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The short chat answers about evidence, through the same outbox as every other reply. */
@Component
class EvidenceReplies {

  private static final Logger log = LoggerFactory.getLogger(EvidenceReplies.class);

  private final ReplySender replies;

  EvidenceReplies(ObjectProvider<ReplySender> replies) {
    this.replies =
        replies.getIfUnique(
            () ->
                (source, text, key) -> {
                  log.info("evidence reply for message {}: {}", source.id(), text);
                  return Mono.empty();
                });
  }

  Mono<Void> stored(InboundMessage source, String label, String itemCode, int windowMinutes) {
    String text =
        itemCode == null
            ? "已收到佐证材料（" + label + "），请在" + windowMinutes + "分钟内发送对应事项的进展，材料将附在该报告上"
            : "已收到佐证材料（" + label + "），已附在 " + itemCode + " 的报告上";
    return replies.reply(source, text, "evidence:" + source.id());
  }

  Mono<Void> refused(InboundMessage source, String why) {
    return replies.reply(source, "佐证材料未保存：" + why, "evidence:" + source.id());
  }

  Mono<Void> attachedLater(InboundMessage source, String itemCode, long count) {
    return replies.reply(
        source,
        "刚才发送的" + count + "份佐证材料已附在 " + itemCode + " 的报告上",
        "evidence-attach:" + source.id());
  }
}
