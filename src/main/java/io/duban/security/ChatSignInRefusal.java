package io.duban.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a sign-in with the work chat was refused. The sign-in page is sent only the code ({@code
 * /dashboard/login?refused=<code>}) and shows the fixed text that belongs to it, so no one can put
 * words of their choosing on the page.
 */
public enum ChatSignInRefusal {
  /** The state is missing, forged, already used, for another platform or too old. */
  STATE("登录请求已失效或并非从本页发起，请返回登录页重新登录。"),
  /** The platform's user is not bound to any account here. */
  UNKNOWN("该工作账号尚未开通督办助手，请联系管理员绑定账号。"),
  /** The account exists but an admin disabled it. */
  DISABLED("该账号已停用，请联系管理员。"),
  /** The user belongs to another corp or tenant than the bureau's. */
  WRONG_CORP("该工作账号不属于本单位的企业或组织，不能登录。"),
  /** The platform refused, answered with an error, or did not answer in time. */
  PLATFORM("暂时无法向工作平台确认您的身份，请稍后重试。");

  private final String message;

  ChatSignInRefusal(String message) {
    this.message = message;
  }

  /** The code in the sign-in page's address. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The fixed Chinese text the sign-in page shows. */
  public String message() {
    return message;
  }

  /** The refusal a code names, or empty for any other text. */
  public static Optional<ChatSignInRefusal> ofCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
  }
}
