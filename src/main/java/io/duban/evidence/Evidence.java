package io.duban.evidence;

import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** 佐证材料 of items, for the item page, the ledger and 申请办结. */
@Service
public class Evidence {

  private final EvidenceRepository evidence;
  private final EvidenceProperties properties;

  Evidence(EvidenceRepository evidence, EvidenceProperties properties) {
    this.evidence = evidence;
    this.properties = properties;
  }

  /** Whether any evidence is stored with a report of {@code itemCode}. */
  public Mono<Boolean> hasEvidence(String itemCode) {
    return evidence.hasStored(itemCode);
  }

  /** Whether {@code itemCode}'s 申请办结 needs evidence first (configured per item or for all). */
  public boolean requiredForClosing(String itemCode) {
    return properties.required(itemCode);
  }

  /** The stored evidence of an item, oldest first. */
  public Flux<EvidenceFile> ofItem(String itemCode) {
    return evidence.ofItem(itemCode);
  }

  /** Every attached piece of evidence, for the ledger. */
  public Flux<EvidenceFile> all() {
    return evidence.allStored();
  }

  /** One stored piece of evidence with its bytes, or empty. */
  public Mono<EvidenceDownload> download(long id) {
    return evidence
        .content(id)
        .map(c -> new EvidenceDownload(c.contentType(), c.fileName(), c.bytes(), c.itemCode()));
  }
}
