package io.duban.security;

import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * The account a work-chat identity is bound to, as the authentication of a signed-in person; fails
 * with a {@link ChatSignInFailure} ({@link ChatSignInRefusal#UNKNOWN}, {@link
 * ChatSignInRefusal#DISABLED}) when there is none or it may not sign in.
 */
interface ChatAccounts {

  Mono<Authentication> authenticate(ChatIdentity identity);
}
