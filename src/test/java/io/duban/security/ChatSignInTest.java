package io.duban.security;

import static io.duban.security.FakeIdentityProvider.DINGTALK_CORP;
import static io.duban.security.FakeIdentityProvider.FEISHU_TENANT;
import static io.duban.security.FakeIdentityProvider.WECOM_CORP;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.report.ReportFixture;
import io.duban.security.FakeIdentityProvider.Person;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Signing in with each work chat against {@link FakeIdentityProvider} on loopback, with a real HTTP
 * client following every redirect: the documented authorisation URLs, a session that is signed in
 * afterwards under a new id, and each refusal (state forged, replayed or another browser's; an
 * unbound identity; a disabled account; another corp or tenant; a platform error) ending on the
 * sign-in page with its fixed text, signing no one in.
 */
@DubanSpringTest
@ExtendWith(OutputCaptureExtension.class)
class ChatSignInTest {

  static final FakeIdentityProvider IDP = new FakeIdentityProvider();

  static final AtomicInteger SEQ = new AtomicInteger();
  static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired Accounts accounts;
  @Autowired DatabaseClient db;

  /**
   * A new account named {@code name} with {@code role}, bound to a fresh user id {@code <stem>-<n>}
   * on {@code platform} and {@code corp}; that user id.
   */
  String person(String platform, String corp, String stem, String name, Role role) {
    int n = SEQ.incrementAndGet();
    String user = stem + "-" + n + "-" + System.nanoTime() % 100_000;
    Account account =
        accounts
            .create(
                new NewAccount(
                    "sso-" + user.replace('/', '-').toLowerCase(), name, null, Set.of(role), null))
            .block(WAIT);
    accounts.bind(account.id(), new ChatIdentity(platform, corp, user)).block(WAIT);
    ids.put(user, account.id());
    return user;
  }

  final Map<String, Long> ids = new ConcurrentHashMap<>();

  @DynamicPropertySource
  static void platforms(DynamicPropertyRegistry registry) {
    String p = "duban.security.chat-sign-in.";
    registry.add(p + "wecom.corp-id", () -> WECOM_CORP);
    registry.add(p + "wecom.agent-id", () -> FakeIdentityProvider.WECOM_AGENT);
    registry.add(p + "wecom.secret", () -> FakeIdentityProvider.WECOM_SECRET);
    registry.add(p + "wecom.api-base-url", IDP::baseUrl);
    registry.add(p + "wecom.authorize-url", () -> IDP.baseUrl() + "/connect/oauth2/authorize");
    registry.add(p + "wecom.qr-login-url", () -> IDP.baseUrl() + "/wwlogin/sso/login");
    registry.add(p + "dingtalk.client-id", () -> FakeIdentityProvider.DINGTALK_CLIENT);
    registry.add(p + "dingtalk.client-secret", () -> FakeIdentityProvider.DINGTALK_SECRET);
    registry.add(p + "dingtalk.corp-id", () -> DINGTALK_CORP);
    registry.add(p + "dingtalk.api-base-url", IDP::baseUrl);
    registry.add(p + "dingtalk.oapi-base-url", IDP::baseUrl);
    registry.add(p + "dingtalk.authorize-url", () -> IDP.baseUrl() + "/oauth2/auth");
    registry.add(p + "feishu.app-id", () -> FakeIdentityProvider.FEISHU_APP);
    registry.add(p + "feishu.app-secret", () -> FakeIdentityProvider.FEISHU_SECRET);
    registry.add(p + "feishu.tenant-key", () -> FEISHU_TENANT);
    registry.add(p + "feishu.api-base-url", IDP::baseUrl);
    registry.add(
        p + "feishu.authorize-url", () -> IDP.baseUrl() + "/open-apis/authen/v1/authorize");
  }

  @AfterAll
  static void stop() {
    IDP.close();
  }

  @LocalServerPort int port;

  static Map<String, String> query(String url) {
    return UriComponentsBuilder.fromUri(URI.create(url))
        .build()
        .getQueryParams()
        .toSingleValueMap()
        .entrySet()
        .stream()
        .collect(
            java.util.stream.Collectors.toMap(
                Map.Entry::getKey,
                e ->
                    java.net.URLDecoder.decode(
                        e.getValue(), java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** The board answers this browser (signed in), or sends it to the sign-in page (not). */
  boolean signedIn(SignInWalk browser) {
    return browser.get("/dashboard?week=2024-W23").statusCode() == 200;
  }

  @Test
  void aWeComMemberSignsInByQrCodeInAnyBrowserUnderANewSessionId(CapturedOutput output) {
    String user = person("WECOM", WECOM_CORP, "li.ming", "李明", Role.LEADER);
    IDP.signedIn("wecom", new Person(user, null, WECOM_CORP));
    SignInWalk browser = new SignInWalk(port);

    String authorize = browser.start("wecom");
    String before = browser.session();
    assertThat(authorize).startsWith(IDP.baseUrl() + "/wwlogin/sso/login?");
    Map<String, String> q = query(authorize);
    assertThat(q)
        .containsEntry("login_type", "CorpApp")
        .containsEntry("appid", WECOM_CORP)
        .containsEntry("agentid", FakeIdentityProvider.WECOM_AGENT)
        .containsEntry("redirect_uri", "http://localhost:" + port + "/sign-in/wecom/callback");
    assertThat(q.get("state")).matches("[0-9a-f]{48}");
    assertThat(before).as("the state is bound to a session").isNotNull();
    assertThat(signedIn(browser)).isFalse();

    String callback = browser.atPlatform(authorize);
    assertThat(browser.callback(callback)).isEqualTo("/dashboard");
    assertThat(browser.session()).as("a new session id at sign-in").isNotEqualTo(before);
    assertThat(signedIn(browser)).isTrue();
    assertThat(browser.get("/dashboard?week=2024-W23").body())
        .as("the board names the person signed in")
        .contains("李明（sso-" + user);
    assertThat(
            db.sql(
                    "SELECT actor, subject, detail FROM admin_audit WHERE action = 'account.sign-in'")
                .fetch()
                .all()
                .filter(row -> String.valueOf(row.get("actor")).contains(user))
                .collectList()
                .block(WAIT))
        .as("the sign-in is audited with the person's name and the platform")
        .singleElement()
        .satisfies(row -> assertThat(row.get("detail")).isEqualTo("wecom"));
    // server-side: the app's token, then the code exchanged for the member's userid
    assertThat(IDP.seen("/cgi-bin/auth/getuserinfo")).isNotEmpty();
    assertThat(output.getAll())
        .doesNotContain(FakeIdentityProvider.WECOM_SECRET)
        .doesNotContain("wecom-app-token-")
        .doesNotContain("wecom-code-");
  }

  @Test
  void insideTheWeComClientTheBrowserGoesTo网页授权() {
    SignInWalk browser =
        new SignInWalk(port, "Mozilla/5.0 (Linux; Android 13) wxwork/4.1.20 MicroMessenger/7.0.1");
    String authorize = browser.start("wecom");
    assertThat(authorize)
        .startsWith(IDP.baseUrl() + "/connect/oauth2/authorize?")
        .endsWith("#wechat_redirect");
    assertThat(query(authorize.substring(0, authorize.indexOf('#'))))
        .containsEntry("appid", WECOM_CORP)
        .containsEntry("response_type", "code")
        .containsEntry("scope", "snsapi_base")
        .containsEntry("agentid", FakeIdentityProvider.WECOM_AGENT)
        .containsEntry("redirect_uri", "http://localhost:" + port + "/sign-in/wecom/callback");
  }

  @Test
  void aDingTalkMemberSignsInAsTheUseridOfTheirUnionId(CapturedOutput output) {
    String user = person("DINGTALK", DINGTALK_CORP, "manager4521", "王芳", Role.LEADER);
    IDP.signedIn("dingtalk", new Person(user, "union-" + user, DINGTALK_CORP));
    SignInWalk browser = new SignInWalk(port);

    String authorize = browser.start("dingtalk");
    assertThat(authorize).startsWith(IDP.baseUrl() + "/oauth2/auth?");
    assertThat(query(authorize))
        .containsEntry("client_id", FakeIdentityProvider.DINGTALK_CLIENT)
        .containsEntry("response_type", "code")
        .containsEntry("scope", "openid corpid")
        .containsEntry("prompt", "consent")
        .containsEntry("redirect_uri", "http://localhost:" + port + "/sign-in/dingtalk/callback");
    assertThat(browser.callback(browser.atPlatform(authorize))).isEqualTo("/dashboard");
    assertThat(signedIn(browser)).isTrue();
    var me = IDP.seen("/v1.0/contact/users/me");
    assertThat(me.get(me.size() - 1).headers()).containsKey("x-acs-dingtalk-access-token");
    assertThat(output.getAll()).doesNotContain(FakeIdentityProvider.DINGTALK_SECRET);
  }

  @Test
  void aFeishuMemberSignsInAsTheirUserIdInTheBureausTenant(CapturedOutput output) {
    String user = person("FEISHU", FEISHU_TENANT, "5d9bdxxx", "赵静", Role.LEADER);
    IDP.signedIn("feishu", new Person(user, null, FEISHU_TENANT));
    SignInWalk browser = new SignInWalk(port);

    String authorize = browser.start("feishu");
    assertThat(authorize).startsWith(IDP.baseUrl() + "/open-apis/authen/v1/authorize?");
    assertThat(query(authorize))
        .containsEntry("client_id", FakeIdentityProvider.FEISHU_APP)
        .containsEntry("redirect_uri", "http://localhost:" + port + "/sign-in/feishu/callback");
    assertThat(browser.signIn("feishu")).isEqualTo("/dashboard");
    assertThat(signedIn(browser)).isTrue();
    assertThat(output.getAll()).doesNotContain(FakeIdentityProvider.FEISHU_SECRET);
  }

  @Test
  void aReplayedCallbackIsRefusedAndSignsNoOneIn() {
    String user = person("WECOM", WECOM_CORP, "li.ming", "李明", Role.LEADER);
    IDP.signedIn("wecom", new Person(user, null, WECOM_CORP));
    SignInWalk first = new SignInWalk(port);
    String callback = first.atPlatform(first.start("wecom"));
    assertThat(first.callback(callback)).isEqualTo("/dashboard");

    // the same browser again: its state was used
    assertThat(first.callback(callback)).isEqualTo("/dashboard/login?refused=state");
    // another browser that captured the callback URL: its session never issued that state
    SignInWalk attacker = new SignInWalk(port);
    assertThat(attacker.callback(callback)).isEqualTo("/dashboard/login?refused=state");
    assertThat(signedIn(attacker)).isFalse();
  }

  @Test
  void aForgedOrForeignStateIsRefusedBeforeThePlatformIsAsked() {
    IDP.signedIn("wecom", new Person("someone", null, WECOM_CORP));
    SignInWalk victim = new SignInWalk(port);
    victim.start("wecom");
    int exchanged = IDP.seen("/cgi-bin/auth/getuserinfo").size();

    String base = "/sign-in/wecom/callback?code=wecom-code-1&state=";
    assertThat(victim.callback(base + "0".repeat(48))).isEqualTo("/dashboard/login?refused=state");
    assertThat(victim.callback(base)).isEqualTo("/dashboard/login?refused=state");
    assertThat(victim.callback("/sign-in/wecom/callback"))
        .isEqualTo("/dashboard/login?refused=state");
    // a state issued for DingTalk does not open the WeCom callback
    String dingState = query(victim.start("dingtalk")).get("state");
    assertThat(victim.callback(base + dingState)).isEqualTo("/dashboard/login?refused=state");
    assertThat(IDP.seen("/cgi-bin/auth/getuserinfo")).hasSize(exchanged);
    assertThat(signedIn(victim)).isFalse();
  }

  @Test
  void anUnboundIdentityIsRefused() {
    IDP.signedIn("wecom", new Person("stranger", null, WECOM_CORP));
    SignInWalk browser = new SignInWalk(port);
    assertThat(browser.signIn("wecom")).isEqualTo("/dashboard/login?refused=unknown");
    assertThat(signedIn(browser)).isFalse();
    assertThat(browser.get("/dashboard/login?refused=unknown").body())
        .contains(ChatSignInRefusal.UNKNOWN.message());
  }

  @Test
  void aDisabledAccountIsRefused() {
    String user = person("FEISHU", FEISHU_TENANT, "gone01", "钱伟", Role.LEADER);
    accounts.disable(ids.get(user)).block(WAIT);
    IDP.signedIn("feishu", new Person(user, null, FEISHU_TENANT));
    SignInWalk browser = new SignInWalk(port);
    assertThat(browser.signIn("feishu")).isEqualTo("/dashboard/login?refused=disabled");
    assertThat(signedIn(browser)).isFalse();
  }

  @Test
  void usersOfAnotherCorpOrTenantAreRefused() {
    // bound, but on another corp: the platforms say so and nothing here trusts the user id alone
    String linked = person("WECOM", WECOM_CORP, "wwother01/li.ming", "李明", Role.LEADER);
    IDP.signedIn("wecom", new Person(linked, null, WECOM_CORP));
    assertThat(new SignInWalk(port).signIn("wecom"))
        .isEqualTo("/dashboard/login?refused=wrong-corp");
    IDP.signedIn("wecom", new Person(null, null, WECOM_CORP));
    assertThat(new SignInWalk(port).signIn("wecom"))
        .isEqualTo("/dashboard/login?refused=wrong-corp");

    String wang = person("DINGTALK", DINGTALK_CORP, "manager4521", "王芳", Role.LEADER);
    IDP.signedIn("dingtalk", new Person(wang, "union-" + wang, "dingothercorp"));
    assertThat(new SignInWalk(port).signIn("dingtalk"))
        .isEqualTo("/dashboard/login?refused=wrong-corp");

    String zhao = person("FEISHU", "othertenant", "5d9bdxxx", "赵静", Role.LEADER);
    IDP.signedIn("feishu", new Person(zhao, null, "othertenant"));
    assertThat(new SignInWalk(port).signIn("feishu"))
        .isEqualTo("/dashboard/login?refused=wrong-corp");
  }

  @Test
  void anInvalidCodeIsAPlatformErrorAndAnExpiredTokenIsRenewedOnce() {
    String user = person("WECOM", WECOM_CORP, "li.ming", "李明", Role.LEADER);
    IDP.signedIn("wecom", new Person(user, null, WECOM_CORP));
    SignInWalk browser = new SignInWalk(port);
    String state = query(browser.start("wecom")).get("state");
    assertThat(browser.callback("/sign-in/wecom/callback?code=not-issued&state=" + state))
        .isEqualTo("/dashboard/login?refused=platform");
    assertThat(signedIn(browser)).isFalse();

    assertThat(new SignInWalk(port).signIn("wecom")).isEqualTo("/dashboard");
    int tokens = IDP.seen("/cgi-bin/gettoken").size();
    IDP.expireTokens();
    assertThat(new SignInWalk(port).signIn("wecom")).isEqualTo("/dashboard");
    assertThat(IDP.seen("/cgi-bin/gettoken")).hasSize(tokens + 1);
  }

  @Test
  void theSignInPageOffersEachPlatformAndShowsOnlyFixedTexts() {
    SignInWalk browser = new SignInWalk(port);
    String page = browser.get("/dashboard/login").body();
    assertThat(page)
        .contains("href=\"/sign-in/wecom\"")
        .contains("企业微信登录")
        .contains("钉钉登录")
        .contains("飞书登录")
        .doesNotContain("id=\"chat-refused\"");
    assertThat(browser.get("/dashboard/login?refused=wrong-corp").body())
        .contains(ChatSignInRefusal.WRONG_CORP.message());
    assertThat(browser.get("/dashboard/login?refused=%3Cscript%3Ealert(1)%3C/script%3E").body())
        .doesNotContain("id=\"chat-refused\"")
        .doesNotContain("alert(1)");
    assertThat(browser.get("/sign-in/slack").statusCode()).isEqualTo(404);
  }

  /**
   * Done means (issue 16), with a real HTTP client: a leader signs in through the fake WeCom login
   * (every redirect followed), closes an item with the item page's own form, and the closing's
   * audit row names that person.
   */
  @Test
  void aLeaderSignsInWithWeComClosesAnItemAndTheAuditRowNamesThem() {
    String user = person("WECOM", WECOM_CORP, "sun.li", "孙立", Role.LEADER);
    IDP.signedIn("wecom", new Person(user, null, WECOM_CORP));
    try (ReportFixture reports = new ReportFixture()) {
      reports.report(
          "1.3",
          "feng.xue",
          "DONE",
          100,
          "扩区方案已获省科技厅批复，任务完成",
          "2024-W23",
          java.time.Instant.parse("2024-06-07T03:00:00Z"));
      SignInWalk browser = new SignInWalk(port);
      assertThat(browser.signIn("wecom")).isEqualTo("/dashboard");

      String page = browser.get("/dashboard/items/1.3?week=2024-W23").body();
      assertThat(page).contains("id=\"close-item\"");
      var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
      assertThat(csrf.find()).isTrue();
      var closed =
          browser.postForm(
              "/dashboard/items/1.3/close", Map.of("_csrf", csrf.group(1), "note", "验收通过"));
      assertThat(SignInWalk.location(closed)).endsWith("/dashboard/items/1.3?done=closed");
      assertThat(browser.get("/dashboard/items/1.3?week=2024-W23").body())
          .contains("确认办结")
          .contains("孙立");
      // before the fixture's close, which removes closings and their audit rows
      assertThat(closingActors()).containsExactly("孙立（sso-" + user + "）");
    }
  }

  /** Who closed item 1.3, per its audit rows. */
  java.util.List<Object> closingActors() {
    return db.sql(
            "SELECT a.actor FROM item_closing_audit a JOIN plan_item i ON i.id = a.item_id"
                + " WHERE i.code = '1.3' AND a.action = 'CLOSE' ORDER BY a.id")
        .fetch()
        .all()
        .map(row -> row.get("actor"))
        .collectList()
        .block(WAIT);
  }

  /**
   * Done means (issue 16): a leader signs in with a fake WeCom login in a real Chromium (following
   * every redirect: the service, the platform's QR login page, back), closes an item on the
   * dashboard, and the closing's audit row names that person.
   */
  @Test
  void aLeaderSignsInWithWeComInChromiumClosesAnItemAndTheAuditRowNamesThem() throws Exception {
    assertThat(CHROMIUM).as("apt-get install -y chromium chromium-driver").isExecutable();
    String user = person("WECOM", WECOM_CORP, "zhou.jian", "周建", Role.LEADER);
    IDP.signedIn("wecom", new Person(user, null, WECOM_CORP));
    String login = "sso-" + user;
    try (ReportFixture reports = new ReportFixture()) {
      reports.report(
          "1.3",
          "feng.xue",
          "DONE",
          100,
          "扩区方案已获省科技厅批复，任务完成",
          "2024-W23",
          java.time.Instant.parse("2024-06-07T03:00:00Z"));
      WebDriver browser = chromium();
      try {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://localhost:" + port + "/dashboard");
        wait.until(d -> d.getCurrentUrl().endsWith("/dashboard/login"));
        browser.findElement(By.id("sign-in-wecom")).click();
        // the service, the fake WeCom's 扫码登录 page, the callback, the board
        wait.until(d -> !d.findElements(By.id("filters")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("周建");
        assertThat(IDP.seen("/wwlogin/sso/login")).isNotEmpty();

        browser.get("http://localhost:" + port + "/dashboard/items/1.3?week=2024-W23");
        wait.until(d -> !d.findElements(By.id("close-item")).isEmpty());
        browser.findElement(By.id("close-item")).click();
        wait.until(d -> !d.findElements(By.id("closed-notice")).isEmpty());
        assertThat(browser.findElement(By.id("closings")).getText())
            .contains("确认办结")
            .contains("周建");
      } finally {
        browser.quit();
      }
      // before the fixture's close, which removes closings and their audit rows
      assertThat(closingActors())
          .as("the closing is audited with the person who signed in through WeCom")
          .containsExactly("周建（" + login + "）");
    }
  }

  static final java.nio.file.Path CHROMIUM = java.nio.file.Path.of("/usr/bin/chromium");

  static WebDriver chromium() throws java.io.IOException {
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=zh-CN",
        "--window-size=1280,1000",
        "--user-data-dir=" + java.nio.file.Files.createTempDirectory("duban-sso-chromium"));
    WebDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return browser;
  }
}
