package io.duban.security;

import static io.duban.security.ChatIdentityProvider.encode;

import io.duban.chat.AccessTokens;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;

/**
 * Sign-in with WeCom (and 粤政易, which speaks the same protocol on its own hosts), as the WeCom
 * developer documentation describes for self-built apps: inside the WeCom client the browser goes
 * to 网页授权 ("构造网页授权链接", document/path/96441: {@code oauth2/authorize?appid=CORPID
 * &redirect_uri=…&response_type=code&scope=snsapi_base&state=…&agentid=…#wechat_redirect}); in any
 * other browser to 企业微信Web登录 ("构造登录链接": {@code wwlogin/sso/login?login_type=CorpApp
 * &appid=…&agentid=…&redirect_uri=…&state=…}). Both come back with {@code code} and {@code state}.
 * The code is exchanged server-side with the app's token ("获取access_token", {@code
 * cgi-bin/gettoken?corpid=&corpsecret=}) at "获取访问用户身份" / "获取用户登录身份" (document/path/96442 and 98177:
 * {@code cgi-bin/auth/getuserinfo?access_token=&code=} answers {@code userid} for a member, {@code
 * openid} for anyone else, {@code errcode 40029} for a bad code).
 */
final class WeComSignIn implements ChatIdentityProvider {

  /** WeCom's access token is invalid (40014) or expired (42001): fetch a fresh one, once. */
  private static final java.util.Set<Long> TOKEN_GONE = java.util.Set.of(40014L, 42001L);

  private final ChatSignInProperties.WeCom app;
  private final SignInHttp http;
  private final AccessTokens tokens;

  WeComSignIn(ChatSignInProperties.WeCom app, SignInHttp http, AccessTokens tokens) {
    this.app = app;
    this.http = http;
    this.tokens = tokens;
  }

  @Override
  public String key() {
    return "wecom";
  }

  @Override
  public String authorizeUrl(String state, String redirectUri, ServerHttpRequest request) {
    String agent = request.getHeaders().getFirst(HttpHeaders.USER_AGENT);
    boolean inWeComClient = agent != null && agent.toLowerCase().contains("wxwork");
    if (inWeComClient) {
      return app.authorizeUrl()
          + "?appid="
          + encode(app.corpId())
          + "&redirect_uri="
          + encode(redirectUri)
          + "&response_type=code&scope=snsapi_base&state="
          + state
          + "&agentid="
          + encode(app.agentId())
          + "#wechat_redirect";
    }
    return app.qrLoginUrl()
        + "?login_type=CorpApp&appid="
        + encode(app.corpId())
        + "&agentid="
        + encode(app.agentId())
        + "&redirect_uri="
        + encode(redirectUri)
        + "&state="
        + state;
  }

  @Override
  public Mono<ChatIdentity> identify(MultiValueMap<String, String> query, String redirectUri) {
    String code = query.getFirst("code");
    if (code == null || code.isBlank()) {
      return Mono.error(ChatIdentityProvider.platformError("wecom", "authorisation", "no code"));
    }
    return tokens
        .call(
            "sign-in:wecom:" + app.corpId() + ":" + app.agentId(),
            this::fetchToken,
            token ->
                http.get(
                    app.apiBaseUrl()
                        + "/cgi-bin/auth/getuserinfo?access_token="
                        + encode(token)
                        + "&code="
                        + encode(code),
                    Map.of()),
            answer -> TOKEN_GONE.contains(answer.number("errcode", 0)))
        .flatMap(this::member);
  }

  private Mono<ChatIdentity> member(SignInHttp.Answer answer) {
    if (answer.status() != 200 || answer.number("errcode", -1) != 0) {
      return Mono.error(
          ChatIdentityProvider.platformError("wecom", "getuserinfo", answer.summary()));
    }
    String userId = answer.text("userid");
    if (userId.isBlank()) {
      // openid / external_userid: someone who is not a member of the corp at all
      return Mono.error(
          new ChatSignInFailure(ChatSignInRefusal.WRONG_CORP, "wecom: not a member of the corp"));
    }
    if (userId.contains("/")) {
      // 互联企业 / 上下游 members come as CorpId/userid: a member of another corp
      return Mono.error(
          new ChatSignInFailure(ChatSignInRefusal.WRONG_CORP, "wecom: member of a linked corp"));
    }
    return Mono.just(new ChatIdentity("WECOM", app.corpId(), userId));
  }

  private Mono<AccessTokens.Token> fetchToken() {
    return http.get(
            app.apiBaseUrl()
                + "/cgi-bin/gettoken?corpid="
                + encode(app.corpId())
                + "&corpsecret="
                + encode(app.secret()),
            Map.of())
        .flatMap(
            answer -> {
              String token = answer.text("access_token");
              if (answer.status() != 200 || answer.number("errcode", -1) != 0 || token.isBlank()) {
                return Mono.error(
                    ChatIdentityProvider.platformError("wecom", "gettoken", answer.summary()));
              }
              return Mono.just(tokens.token(token, answer.number("expires_in", 7200)));
            });
  }
}
