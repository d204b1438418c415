package io.duban.security;

/**
 * A chat sign-in that cannot go on. The refusal is what the person is told; the detail is for the
 * log and never holds a code, token or secret.
 */
final class ChatSignInFailure extends RuntimeException {

  private final ChatSignInRefusal refusal;

  ChatSignInFailure(ChatSignInRefusal refusal, String detail) {
    super(detail, null, false, false);
    this.refusal = refusal;
  }

  ChatSignInRefusal refusal() {
    return refusal;
  }
}
