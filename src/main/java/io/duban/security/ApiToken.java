package io.duban.security;

import java.time.Instant;

/**
 * A person's named API token as listed: never the secret, which is shown once at creation.
 *
 * @param id the token's number
 * @param accountId whose it is
 * @param name what its holder called it ({@code 台账导出脚本})
 * @param createdAt when it was created
 * @param lastUsedAt when it last authenticated a request (to about a minute), or null
 * @param revokedAt when it was revoked, or null while it works
 */
public record ApiToken(
    long id,
    long accountId,
    String name,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt) {}
