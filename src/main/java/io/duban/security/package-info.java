/** Tokens and roles, sign-in, filters, the callback rate limit and the admin audit trail. */
package io.duban.security;
