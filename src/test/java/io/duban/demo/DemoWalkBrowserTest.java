package io.duban.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A real headless Chromium walks the demo week at phone size (390×844) and desktop size, as a
 * leader (board, 报送情况, an item; then, signed in as admin since the simulator is ADMIN-only, the
 * leader contact's 帮助 and the digest chart) and as a contact (the simulator), checking by element
 * geometry that nothing runs off the screen or overlaps, that the unit names stay put while the
 * weeks scroll and that the chat's input stays in view. Screenshots land in {@code
 * target/screenshots} (demo-*.png).
 */
@DubanSpringTest
@TestPropertySource(properties = {"duban.demo.enabled=true", "duban.simulator.enabled=true"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoWalkBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "screenshots");
  static final Dimension PHONE = new Dimension(390, 844);
  static final Dimension DESKTOP = new Dimension(1280, 900);
  static final String WEEK = "2024-W26";

  static WebDriver browser;
  static Path profile;
  static boolean loaded;

  @LocalServerPort int port;
  @Autowired DemoLoader loader;
  @Autowired WebTestClient web;

  @BeforeAll
  static void startChromium() throws IOException {
    assertThat(CHROMIUM)
        .as("Chromium is needed for the browser test: apt-get install -y chromium chromium-driver")
        .isExecutable();
    assertThat(CHROMEDRIVER).as("apt-get install -y chromium-driver").isExecutable();
    Files.createDirectories(SHOTS);
    profile = Files.createTempDirectory("duban-chromium-demo");
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
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
        "--hide-scrollbars",
        "--lang=zh-CN",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopChromium() {
    if (browser != null) {
      browser.quit();
    }
    DemoData.clear();
  }

  @BeforeEach
  void demo() {
    if (!loaded) {
      DemoData.clear();
      loader.load().block(Duration.ofMinutes(2));
      loaded = true;
      open("/dashboard/login");
      type("token", "test-leader-token");
      browser.findElement(By.id("sign-in-token")).click();
      waitFor(By.id("filters"));
    }
  }

  @Test
  @Order(1)
  void aLeaderReadsTheDemoWeekOnAPhone() {
    walkAsLeader(PHONE, "phone");
  }

  @Test
  @Order(2)
  void aLeaderReadsTheDemoWeekOnADesktop() {
    walkAsLeader(DESKTOP, "desktop");
  }

  @Test
  @Order(3)
  void aContactReportsInTheSimulatorOnAPhoneAndADesktop() {
    signInAs("test-admin-token");
    for (var size : List.of(Map.entry("phone", PHONE), Map.entry("desktop", DESKTOP))) {
      resize(size.getValue());
      open("/dashboard/simulator");
      pick("sim-contact", "张伟");
      // other tests in this context may register more chats for a unit: pick the unit's own
      pick("sim-chat", "重大平台建设科工作群");
      assertThat(
              new Select(browser.findElement(By.id("sim-chat"))).getFirstSelectedOption().getText())
          .isEqualTo("重大平台建设科工作群");
      type("sim-text", "1.2 省新型研发机构申报材料通过专家评审，进度50%");
      browser.findElement(By.id("sim-send")).click();
      waitUntil(
          () ->
              text(By.id("sim-log")).contains("通过专家评审")
                  && lastMessageIsFromTheBot()
                  && lastBotText().contains("1.2"));
      // one bot serves every WeCom group here: the leaders' conversation stays in theirs
      assertThat(text(By.id("sim-log"))).doesNotContain("局领导可用的指令");
      inputInView();
      noneOffScreen();
      shot("demo-" + size.getKey() + "-contact-simulator");
    }
  }

  @Test
  @Order(4)
  void theDigestChartArrivesAsAnImageInTheSimulator() {
    signInAs("test-admin-token");
    runTheDigest();
    for (var size : List.of(Map.entry("phone", PHONE), Map.entry("desktop", DESKTOP))) {
      resize(size.getValue());
      open("/dashboard/simulator");
      pick("sim-contact", "陈局长（领导）");
      pick("sim-chat", "局领导督办群");
      assertThat(
              new Select(browser.findElement(By.id("sim-chat"))).getFirstSelectedOption().getText())
          .isEqualTo("局领导督办群");
      waitFor(By.cssSelector("#sim-log img.chart"));
      WebElement chart = browser.findElement(By.cssSelector("#sim-log img.chart"));
      waitUntil(() -> number("return arguments[0].naturalWidth", chart) > 100);
      assertThat(number("return arguments[0].getBoundingClientRect().right", chart))
          .isLessThanOrEqualTo(size.getValue().getWidth());
      // no Base64 wall: the bubble holds the picture, not its text
      assertThat(text(By.id("sim-log"))).doesNotContain("iVBOR");
      inputInView();
      js("arguments[0].scrollIntoView({block: 'center'})", chart);
      shot("demo-" + size.getKey() + "-leader-digest-chart");
    }
  }

  private void walkAsLeader(Dimension size, String name) {
    resize(size);
    signInAs("test-leader-token");
    // the board of the demo week: reports in several states
    open("/dashboard?week=" + WEEK);
    assertThat(browser.findElements(By.cssSelector("article.item"))).hasSize(11);
    assertThat(attr("item-3", "data-light")).isEqualTo("red");
    assertThat(attr("item-1.3", "data-light")).isEqualTo("closed");
    assertThat(text(By.id("item-3"))).contains("受阻");
    assertThat(text(By.id("item-7"))).contains("滞后");
    assertThat(browser.findElements(By.cssSelector("article.item[data-light=green]"))).isNotEmpty();
    noneOffScreen();
    noOverlap("article.item");
    shot("demo-" + name + "-leader-board");

    // 报送情况: the latest week first and visible, unit names in one or two lines, kept at the left
    open("/dashboard/participation?week=" + WEEK);
    WebElement current = browser.findElement(By.cssSelector("#participation thead th.current"));
    assertThat(current.getDomAttribute("data-week")).isEqualTo(WEEK);
    assertThat(number("return arguments[0].getBoundingClientRect().right", current))
        .isLessThanOrEqualTo(size.getWidth());
    List<WebElement> names =
        browser.findElements(By.cssSelector("#participation tbody th.unit span"));
    assertThat(names).hasSizeGreaterThan(5);
    for (WebElement unitName : names) {
      double lineHeight =
          number(
              "return parseFloat(getComputedStyle(arguments[0].parentElement).lineHeight)",
              unitName);
      assertThat(number("return arguments[0].getBoundingClientRect().height", unitName))
          .as("unit name %s on at most two lines", unitName.getText())
          .isLessThanOrEqualTo(lineHeight * 2 + 1);
    }
    assertThat(text(By.id("participation"))).contains("未报", "按时");
    noneOffScreen();
    shot("demo-" + name + "-leader-participation");
    WebElement scroll = browser.findElement(By.id("participation-scroll"));
    WebElement firstUnit = browser.findElement(By.cssSelector("#participation tbody th.unit"));
    double left = number("return arguments[0].getBoundingClientRect().left", scroll);
    js("arguments[0].scrollLeft = 400", scroll);
    if (number("return arguments[0].scrollLeft", scroll) > 0) {
      assertThat(number("return arguments[0].getBoundingClientRect().left", firstUnit))
          .as("the unit column stays at the left edge after scrolling")
          .isBetween(left - 1, left + 1);
      shot("demo-" + name + "-leader-participation-scrolled");
    }

    // an item's history: every value labelled, the week reasons on tap
    open("/dashboard/items/3?week=" + WEEK);
    assertThat(text(By.id("reports"))).contains("高企培育库入库受阻");
    WebElement firstCell = browser.findElement(By.cssSelector("#reports tbody td"));
    if (!browser.findElement(By.cssSelector("#reports thead")).isDisplayed()) {
      assertThat(
              (String) js("return getComputedStyle(arguments[0], '::before').content", firstCell))
          .contains("时间");
    }
    assertThat(text(By.id("week-reason"))).contains("第26周（6月24日—6月30日）");
    WebElement earlier = browser.findElements(By.cssSelector("#timeline li")).get(3);
    earlier.click();
    assertThat(text(By.id("week-reason"))).isEqualTo(earlier.getDomAttribute("data-reason"));
    noneOffScreen();
    shot("demo-" + name + "-leader-item");

    // the simulator (admins only) as the leader contact: 帮助 lists the leaders' commands, the
    // input stays in view
    signInAs("test-admin-token");
    open("/dashboard/simulator");
    pick("sim-contact", "陈局长（领导）");
    // other tests in this context may register more chats for a unit: pick the leaders' own
    pick("sim-chat", "局领导督办群");
    assertThat(
            new Select(browser.findElement(By.id("sim-chat"))).getFirstSelectedOption().getText())
        .isEqualTo("局领导督办群");
    type("sim-text", "帮助");
    browser.findElement(By.id("sim-send")).click();
    waitUntil(() -> lastMessageIsFromTheBot() && lastBotText().contains("局领导可用的指令"));
    assertThat(lastBotText()).contains("确认办结", "未报");
    inputInView();
    noneOffScreen();
    shot("demo-" + name + "-leader-simulator");
  }

  /**
   * Signs out whoever is signed in and signs in with {@code token} (the simulator is ADMIN-only).
   */
  private void signInAs(String token) {
    browser.manage().deleteAllCookies();
    open("/dashboard/login");
    type("token", token);
    browser.findElement(By.id("sign-in-token")).click();
    waitFor(By.id("filters"));
  }

  private void runTheDigest() {
    List<Map<String, Object>> schedules =
        web.get()
            .uri("/api/v1/schedules")
            .header("Authorization", "Bearer test-admin-token")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
            .returnResult()
            .getResponseBody();
    Object id =
        schedules.stream()
            .filter(s -> "DIGEST".equals(String.valueOf(s.get("kind"))))
            .findFirst()
            .orElseThrow()
            .get("id");
    web.post()
        .uri("/api/v1/schedules/" + id + "/run")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
  }

  /** The chat's input lies wholly inside the screen. */
  private static void inputInView() {
    WebElement form = browser.findElement(By.id("sim-form"));
    double top = number("return arguments[0].getBoundingClientRect().top", form);
    double bottom = number("return arguments[0].getBoundingClientRect().bottom", form);
    double height = number("return window.innerHeight", form);
    assertThat(top).as("input top").isGreaterThanOrEqualTo(0);
    assertThat(bottom).as("input bottom within %s", height).isLessThanOrEqualTo(height);
  }

  /**
   * No text runs past the right edge of the screen or of its own box (outside the scrolling tables,
   * which scroll on purpose).
   */
  private static void noneOffScreen() {
    @SuppressWarnings("unchecked")
    List<String> off =
        (List<String>)
            js(
                """
                const out = [];
                const w = document.documentElement.clientWidth;
                for (const el of document.querySelectorAll('main *, header *')) {
                  if (el.closest('.scroll') || el.closest('.chat') || el.closest('.hidden')) continue;
                  const r = el.getBoundingClientRect();
                  if (r.width === 0 || r.height === 0) continue;
                  const s = getComputedStyle(el);
                  const clips = s.overflowX === 'hidden' || s.textOverflow === 'ellipsis';
                  if (r.right > w + 1 || (clips && el.scrollWidth > el.clientWidth + 1)) {
                    out.push(el.tagName + '.' + el.className + ' ' + (el.textContent || '').slice(0, 30));
                  }
                }
                if (document.documentElement.scrollWidth > w + 1) out.push('page scrolls sideways');
                return out;
                """);
    assertThat(off).as("elements running off the screen").isEmpty();
  }

  /** No two of the elements overlap. */
  private static void noOverlap(String selector) {
    @SuppressWarnings("unchecked")
    List<String> overlaps =
        (List<String>)
            js(
                """
                const els = [...document.querySelectorAll(arguments[0])].map(e => [e, e.getBoundingClientRect()]);
                const out = [];
                for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
                  const a = els[i][1], b = els[j][1];
                  if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
                    out.push(els[i][0].id + ' / ' + els[j][0].id);
                }
                return out;
                """,
                selector);
    assertThat(overlaps).as("overlapping " + selector).isEmpty();
  }

  // read in one script: the page re-renders the conversation while it polls

  private static boolean lastMessageIsFromTheBot() {
    return Boolean.TRUE.equals(
        js(
            "const m = document.querySelectorAll('#sim-log .msg');"
                + " return m.length > 0 && m[m.length - 1].classList.contains('bot');"));
  }

  private static String lastBotText() {
    Object text =
        js(
            "const b = document.querySelectorAll('#sim-log .msg.bot .bubble');"
                + " return b.length ? b[b.length - 1].innerText : '';");
    return text == null ? "" : text.toString();
  }

  private static void pick(String id, String text) {
    new Select(browser.findElement(By.id(id))).selectByVisibleText(text);
  }

  private static void resize(Dimension size) {
    browser.manage().window().setSize(size);
  }

  private void open(String path) {
    browser.get("http://localhost:" + port + path);
  }

  private static void type(String id, String value) {
    WebElement field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  private static String text(By by) {
    return browser.findElement(by).getText();
  }

  private static String attr(String id, String name) {
    return browser.findElement(By.id(id)).getDomAttribute(name);
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private static double number(String script, Object... args) {
    return ((Number) js(script, args)).doubleValue();
  }

  private static void waitFor(By by) {
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(by).isEmpty());
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> condition.getAsBoolean());
  }

  private static void shot(String name) {
    File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    try {
      Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
