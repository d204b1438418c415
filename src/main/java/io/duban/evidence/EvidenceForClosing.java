package io.duban.evidence;

import io.duban.report.ClosingPrecondition;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 申请办结 of an item configured in {@code duban.evidence.required-for-closing} (or {@code all}) needs
 * 佐证材料 stored with one of its reports first.
 */
@Component
class EvidenceForClosing implements ClosingPrecondition {

  private final Evidence evidence;

  EvidenceForClosing(Evidence evidence) {
    this.evidence = evidence;
  }

  @Override
  public Mono<String> refusal(String itemCode) {
    if (!evidence.requiredForClosing(itemCode)) {
      return Mono.empty();
    }
    return evidence
        .hasEvidence(itemCode)
        .filter(has -> !has)
        .map(
            none ->
                "事项 "
                    + itemCode
                    + " 申请办结需先提供佐证材料：请在群里发送照片或文件（图片、PDF、Word、Excel），"
                    + "并在前后几分钟内报送该事项进展，然后再申请办结");
  }
}
