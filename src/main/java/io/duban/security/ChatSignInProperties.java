package io.duban.security;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Signing in with the work chat the bureau already uses ({@code duban.security.chat-sign-in}): each
 * platform is offered on the sign-in page once its app is configured. The platforms' addresses
 * default to their public services and can be pointed at a private deployment (粤政易 and other
 * government editions) or, in tests, at a fake on loopback. Secrets come from the environment and
 * never appear in {@code toString()}, logs or answers.
 *
 * @param stateTtl how long a sign-in started on this page may take to come back (default 5 min)
 * @param timeout how long each call to a platform may take (default 10 s)
 * @param wecom WeCom / 粤政易 self-built app
 * @param dingtalk DingTalk internal app
 * @param feishu Feishu / Lark custom app
 */
@ConfigurationProperties("duban.security.chat-sign-in")
public record ChatSignInProperties(
    Duration stateTtl, Duration timeout, WeCom wecom, DingTalk dingtalk, Feishu feishu) {

  public ChatSignInProperties {
    stateTtl = stateTtl == null ? Duration.ofMinutes(5) : stateTtl;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    if (stateTtl.isNegative() || stateTtl.isZero() || stateTtl.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "duban.security.chat-sign-in.state-ttl must be positive and at most 1h, not " + stateTtl);
    }
  }

  /** One sign-in button on the page: the platform's key in {@code /sign-in/<key>} and its name. */
  public record Offer(String key, String label) {}

  /** The platforms configured here, in the order the sign-in page shows them. */
  public List<Offer> offered() {
    List<Offer> offers = new ArrayList<>();
    if (wecom != null && wecom.configured()) {
      offers.add(new Offer("wecom", wecom.label()));
    }
    if (dingtalk != null && dingtalk.configured()) {
      offers.add(new Offer("dingtalk", "钉钉"));
    }
    if (feishu != null && feishu.configured()) {
      offers.add(new Offer("feishu", "飞书"));
    }
    return List.copyOf(offers);
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static URI orDefault(URI value, String fallback) {
    return value == null || value.toString().isBlank() ? URI.create(fallback) : value;
  }

  /**
   * A WeCom self-built app (自建应用) with 网页授权 and 企业微信Web登录 enabled; its 可信域名 must be this service's
   * host.
   *
   * @param corpId the CorpID (企业ID); only members of this corp sign in
   * @param agentId the app's AgentId
   * @param secret the app's Secret (from {@code DUBAN_WECOM_SIGN_IN_SECRET})
   * @param label the button's name, default 企业微信 (粤政易 deployments set 粤政易)
   * @param apiBaseUrl server API, default {@code https://qyapi.weixin.qq.com}
   * @param authorizeUrl 网页授权 inside the WeCom client, default {@code
   *     https://open.weixin.qq.com/connect/oauth2/authorize}
   * @param qrLoginUrl 扫码登录 in any other browser, default {@code
   *     https://login.work.weixin.qq.com/wwlogin/sso/login}
   */
  public record WeCom(
      String corpId,
      String agentId,
      String secret,
      String label,
      URI apiBaseUrl,
      URI authorizeUrl,
      URI qrLoginUrl) {
    public WeCom {
      label = present(label) ? label : "企业微信";
      apiBaseUrl = orDefault(apiBaseUrl, "https://qyapi.weixin.qq.com");
      authorizeUrl = orDefault(authorizeUrl, "https://open.weixin.qq.com/connect/oauth2/authorize");
      qrLoginUrl = orDefault(qrLoginUrl, "https://login.work.weixin.qq.com/wwlogin/sso/login");
    }

    boolean configured() {
      return present(corpId) && present(agentId) && present(secret);
    }

    @Override
    public String toString() {
      return "WeCom[corpId=" + corpId + ", agentId=" + agentId + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
  }

  /**
   * A DingTalk internal app (企业内部应用) with 钉钉登录 enabled and this service's callback registered as
   * its 回调域名; it needs the permissions to read a user's contact profile and userid by unionid.
   *
   * @param clientId the app's Client ID (AppKey)
   * @param clientSecret the app's Client Secret (from {@code DUBAN_DINGTALK_SIGN_IN_SECRET})
   * @param corpId the organisation's corpId; only its members sign in
   * @param apiBaseUrl the new server API, default {@code https://api.dingtalk.com}
   * @param oapiBaseUrl the older server API (userid by unionid), default {@code
   *     https://oapi.dingtalk.com}
   * @param authorizeUrl the login page, default {@code https://login.dingtalk.com/oauth2/auth}
   */
  public record DingTalk(
      String clientId,
      String clientSecret,
      String corpId,
      URI apiBaseUrl,
      URI oapiBaseUrl,
      URI authorizeUrl) {
    public DingTalk {
      apiBaseUrl = orDefault(apiBaseUrl, "https://api.dingtalk.com");
      oapiBaseUrl = orDefault(oapiBaseUrl, "https://oapi.dingtalk.com");
      authorizeUrl = orDefault(authorizeUrl, "https://login.dingtalk.com/oauth2/auth");
    }

    boolean configured() {
      return present(clientId) && present(clientSecret) && present(corpId);
    }

    @Override
    public String toString() {
      return "DingTalk[clientId=" + clientId + ", corpId=" + corpId + "]";
    }
  }

  /**
   * A Feishu custom app (企业自建应用) with web app login; this service's callback is registered as a
   * 重定向URL in its 安全设置.
   *
   * @param appId the App ID
   * @param appSecret the App Secret (from {@code DUBAN_FEISHU_SIGN_IN_SECRET})
   * @param tenantKey the tenant_key of the bureau's tenant; only its members sign in
   * @param apiBaseUrl server API, default {@code https://open.feishu.cn}
   * @param authorizeUrl the authorisation page, default {@code
   *     https://accounts.feishu.cn/open-apis/authen/v1/authorize}
   */
  public record Feishu(
      String appId, String appSecret, String tenantKey, URI apiBaseUrl, URI authorizeUrl) {
    public Feishu {
      apiBaseUrl = orDefault(apiBaseUrl, "https://open.feishu.cn");
      authorizeUrl =
          orDefault(authorizeUrl, "https://accounts.feishu.cn/open-apis/authen/v1/authorize");
    }

    boolean configured() {
      return present(appId) && present(appSecret) && present(tenantKey);
    }

    @Override
    public String toString() {
      return "Feishu[appId=" + appId + ", tenantKey=" + tenantKey + "]";
    }
  }
}
