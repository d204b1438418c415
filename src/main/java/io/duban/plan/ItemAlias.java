package io.duban.plan;

import java.time.Instant;

/**
 * Another name of a plan item, matched like its title.
 *
 * @param itemCode the item's code
 * @param alias the name, e.g. 药创院
 * @param source where it came from
 * @param createdBy who added it: the admin, the importer, or the sender whose report taught it
 * @param createdAt when
 */
public record ItemAlias(
    String itemCode, String alias, AliasSource source, String createdBy, Instant createdAt) {}
