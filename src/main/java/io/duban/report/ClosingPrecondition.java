package io.duban.report;

import reactor.core.publisher.Mono;

/**
 * Something another feature requires before an item may be 申请办结 (e.g. 佐证材料): answers the Chinese
 * refusal, or empty when the item may be closed. Implemented outside this module, so the report
 * feature does not depend on it.
 */
public interface ClosingPrecondition {

  Mono<String> refusal(String itemCode);
}
