package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.report.ReportFixture;
import io.duban.report.ReportWeek;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A real headless Chromium (Debian packages chromium and chromium-driver) signs in, reads the
 * board, filters, opens an item and closes it, downloads the ledger, and talks in the simulator; an
 * admin previews a schedule's cron, and imports a plan document through the 计划导入 page. Screenshots
 * land in {@code target/screenshots}.
 */
@DubanSpringTest
@TestPropertySource(properties = "duban.simulator.enabled=true")
class DashboardBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "screenshots");

  static Path downloads;
  static Path profile;
  static WebDriver browser;

  @LocalServerPort int port;
  ReportFixture reports;

  @BeforeAll
  static void startChromium() throws IOException {
    assertThat(CHROMIUM)
        .as("Chromium is needed for the browser test: apt-get install -y chromium chromium-driver")
        .isExecutable();
    assertThat(CHROMEDRIVER)
        .as("chromedriver is needed for the browser test: apt-get install -y chromium-driver")
        .isExecutable();
    Files.createDirectories(SHOTS);
    downloads = Files.createTempDirectory("duban-downloads");
    profile = Files.createTempDirectory("duban-chromium");
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
        "--disable-default-apps",
        "--no-first-run",
        "--lang=zh-CN",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory", downloads.toString(),
            "download.prompt_for_download", false,
            "safebrowsing.enabled", false));
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopChromium() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void seed() {
    reports = new ReportFixture();
    reports.report(
        "1.2",
        "zhang.wei",
        "IN_PROGRESS",
        60,
        "药创院省重点实验室申报材料已报送，进度60%",
        "2024-W23",
        Instant.parse("2024-06-05T02:30:00Z"));
    reports.report(
        "3",
        "he.jing",
        "BLOCKED",
        20,
        "高企培育库入库受阻，等待税务数据",
        "2024-W23",
        Instant.parse("2024-06-06T08:00:00Z"));
    reports.report(
        "1.3",
        "feng.xue",
        "DONE",
        100,
        "扩区方案已获省科技厅批复，任务完成",
        "2024-W23",
        Instant.parse("2024-06-07T03:00:00Z"));
  }

  @AfterEach
  void clean() {
    reports.close();
  }

  @Test
  void leaderSignsInFiltersOpensAnItemClosesItDownloadsTheLedgerAndChats() throws Exception {
    // anonymous visitors land on the sign-in form; a wrong token is refused
    open("/dashboard");
    assertThat(browser.getCurrentUrl()).endsWith("/dashboard/login");
    assertThat(browser.findElements(By.cssSelector(".alert"))).isEmpty();
    type("token", "not-a-real-token-at-all");
    browser.findElement(By.id("sign-in-token")).click();
    waitFor(By.cssSelector(".alert"));
    assertThat(text(By.cssSelector(".alert"))).contains("令牌有误");

    type("token", "test-leader-token");
    browser.findElement(By.id("sign-in-token")).click();
    waitFor(By.id("filters"));
    open("/dashboard?week=2024-W23");
    assertThat(browser.findElements(By.cssSelector(".alert"))).isEmpty();
    shot("01-board");
    assertThat(text(By.cssSelector(".summary h1")))
        .contains("2024年重点工作")
        .contains("第23周（6月3日—6月9日）")
        .doesNotContain("2024-W23");
    assertThat(browser.findElements(By.cssSelector("article.item"))).hasSize(11);
    assertThat(text(By.cssSelector(".reds"))).contains("报告受阻：高企培育库入库受阻");
    assertThat(text(By.id("item-1.2"))).contains("药创院省重点实验室申报材料已报送").contains("60%");
    assertThat(browser.findElement(By.id("item-3")).getDomAttribute("data-light")).isEqualTo("red");

    // filter by unit, then by status
    new Select(browser.findElement(By.id("filter-unit"))).selectByVisibleText("重大平台建设科");
    browser.findElement(By.id("apply-filters")).click();
    waitUntil(() -> browser.findElements(By.cssSelector("article.item")).size() == 4);
    assertThat(browser.findElements(By.cssSelector("article.item")))
        .extracting(e -> e.getDomAttribute("id"))
        .containsExactly("item-1.1", "item-1.2", "item-1.3", "item-4.1");
    shot("02-filtered-by-unit");
    new Select(browser.findElement(By.id("filter-unit"))).selectByIndex(0);
    new Select(browser.findElement(By.id("filter-light"))).selectByVisibleText("正常");
    browser.findElement(By.id("apply-filters")).click();
    waitUntil(() -> browser.getCurrentUrl().contains("light=green"));
    assertThat(browser.findElements(By.cssSelector("article.item")))
        .extracting(e -> e.getDomAttribute("id"))
        .containsExactly("item-1.2", "item-1.3");
    shot("03-filtered-green");

    // the item page with its history, then close it
    browser.findElement(By.cssSelector("#item-1\\.3 a.title")).click();
    waitFor(By.id("item-code"));
    assertThat(text(By.id("item-code"))).isEqualTo("1.3");
    assertThat(text(By.id("reports"))).contains("扩区方案已获省科技厅批复").contains("冯雪");
    assertThat(browser.findElements(By.cssSelector("#timeline li"))).hasSizeGreaterThan(10);
    shot("04-item");
    browser.findElement(By.id("close-item")).click();
    waitFor(By.id("closed-notice"));
    assertThat(text(By.id("item-light"))).startsWith("已办结");
    assertThat(text(By.id("closings"))).contains("确认办结").contains("leader");
    shot("05-item-closed");

    // the ledger of this week (the closing happened now, not back in 2024-W23) says closed
    open("/dashboard");
    browser.findElement(By.id("ledger-download")).click();
    ReportWeek thisWeek =
        ReportWeek.current(java.time.Clock.systemUTC(), java.time.ZoneId.of("Asia/Shanghai"));
    Path ledger = downloads.resolve("督办台账-" + thisWeek + ".xlsx");
    waitUntil(() -> Files.exists(ledger) && ledger.toFile().length() > 0);
    try (var book = new XSSFWorkbook(ledger.toFile())) {
      var sheet = book.getSheet(LedgerWorkbook.ITEMS_SHEET);
      Row item = null;
      for (var row : sheet) {
        if (row.getCell(1) != null && "1.3".equals(row.getCell(1).getStringCellValue())) {
          item = row;
        }
      }
      assertThat(item).as("1.3 in the ledger").isNotNull();
      assertThat(item.getCell(LedgerWorkbook.ITEM_HEADERS.indexOf("状态")).getStringCellValue())
          .isEqualTo("已办结");
    }

    // leaders have no simulator (it types as any contact): an admin uses it
    assertThat(browser.findElements(By.linkText("模拟器"))).isEmpty();
    browser.findElement(By.id("logout")).click();
    waitUntil(() -> browser.getCurrentUrl().contains("/dashboard/login?logout"));
    type("token", "test-admin-token");
    browser.findElement(By.id("sign-in-token")).click();
    waitFor(By.id("filters"));
    assertThat(browser.findElements(By.id("nav-simulator"))).hasSize(1);

    // the simulator: a contact types in the group chat and the line appears in the conversation
    open("/dashboard/simulator");
    new Select(browser.findElement(By.id("sim-contact"))).selectByVisibleText("平台科联络员（模拟器）");
    assertThat(
            new Select(browser.findElement(By.id("sim-chat"))).getFirstSelectedOption().getText())
        .isEqualTo("平台科工作群（模拟器）");
    type("sim-text", "1.2 省新型研发机构申报材料已提交，进度65%");
    browser.findElement(By.id("sim-send")).click();
    waitUntil(() -> text(By.id("sim-log")).contains("省新型研发机构申报材料已提交"));
    // the bot's answer comes back through the report pipeline and the outbox (the group may also
    // hold notices other tests' plans sent it: the answer is the bubble about this report)
    waitUntil(
        () ->
            browser.findElements(By.cssSelector("#sim-log .msg.bot .bubble")).stream()
                .map(WebElement::getText)
                .anyMatch(t -> t.contains("1.2") && t.contains("65")));
    shot("06-simulator");

    // phone-sized screen still shows the board
    browser.manage().window().setSize(new Dimension(390, 844));
    open("/dashboard?week=2024-W23");
    shot("07-phone");
    assertThat(browser.findElement(By.id("chip-red")).isDisplayed()).isTrue();

    browser.manage().window().setSize(new Dimension(1280, 1000));
    browser.findElement(By.id("logout")).click();
    waitUntil(() -> browser.getCurrentUrl().contains("/dashboard/login?logout"));
    open("/dashboard");
    assertThat(browser.getCurrentUrl()).endsWith("/dashboard/login");
  }

  @Test
  void adminOpensTheSchedulesAndPreviewsACronWithoutSavingIt() {
    open("/dashboard/login");
    type("token", "test-admin-token");
    browser.findElement(By.id("sign-in-token")).click();
    waitFor(By.id("filters"));
    browser.findElement(By.id("nav-schedules")).click();
    waitFor(By.id("schedules"));
    assertThat(text(By.id("schedules")))
        .contains("每周报送提醒", "每周催办", "领导周报")
        .contains("提醒", "催办", "周报", "提前到前一个工作日", "立即执行");
    shot("08-schedules");

    browser.findElement(By.linkText("每周报送提醒")).click();
    waitFor(By.id("schedule-form"));
    type("cron", "0 30 9 ? * MON-FRI");
    new Select(browser.findElement(By.id("workday-rule"))).selectByVisibleText("非工作日不执行");
    browser.findElement(By.id("preview")).click();
    waitFor(By.id("preview-times"));
    assertThat(browser.findElements(By.cssSelector("#preview-times li")))
        .hasSize(5)
        .allSatisfy(li -> assertThat(li.getText()).endsWith("09:30").doesNotContain("周六", "周日"));
    // a preview saves nothing: the stored cron stays, the typed one stays in the form
    assertThat(text(By.id("saved-cron"))).isEqualTo("0 0 15 ? * THU");
    assertThat(browser.findElement(By.id("cron")).getDomProperty("value"))
        .isEqualTo("0 30 9 ? * MON-FRI");
    ((JavascriptExecutor) browser)
        .executeScript(
            "arguments[0].scrollIntoView()", browser.findElement(By.id("schedule-form")));
    shot("09-schedule-preview");

    browser.manage().window().setSize(new Dimension(390, 844));
    open("/dashboard/admin/schedules");
    shot("10-schedules-phone");
    assertThat(browser.findElement(By.cssSelector("#schedules button.run")).isDisplayed()).isTrue();

    browser.manage().window().setSize(new Dimension(1280, 1000));
    browser.findElement(By.id("logout")).click();
    waitUntil(() -> browser.getCurrentUrl().contains("/dashboard/login?logout"));
  }

  @Test
  void adminUploadsAPlanSeesTheTreeMapsUnknownUnitsAndConfirms() throws IOException {
    Path table = Files.createTempFile("duban-plan-2009", ".txt");
    Files.writeString(
        table,
        String.join(
            "\n",
            "某局2009年重点工作任务分解表",
            "",
            "序号\t工作任务\t牵头单位\t配合单位\t责任领导\t完成时限",
            "一、平台建设\t\t\t\t\t",
            "1\t建成中试验证平台2个。\t重大平台建设科\t局办公室、各镇街\t张副局长\t2009年9月底",
            "2\t新增省级重点实验室1家。\t某某服务中心\t\t张副局长\t年底"));
    open("/dashboard/login");
    type("token", "test-admin-token");
    browser.findElement(By.id("sign-in-token")).click();
    waitFor(By.id("filters"));
    browser.findElement(By.id("nav-plan")).click();
    waitFor(By.id("upload-form"));
    browser.findElement(By.name("file")).sendKeys(table.toString());
    browser.findElement(By.id("preview-button")).click();
    waitFor(By.id("confirm-form"));
    assertThat(text(By.id("tree"))).contains("1.1", "建成中试验证平台2个", "（可报送）");
    assertThat(text(By.id("units"))).contains("重大平台建设科（platforms）", "各镇街", "某某服务中心");
    assertThat(text(By.id("assignments"))).contains("张副局长", "2009年9月底（2009-09-30）");
    shot("11-plan-preview");

    new Select(browser.findElement(By.id("map0"))).selectByValue("skip");
    new Select(browser.findElement(By.id("map1"))).selectByValue("create");
    browser.findElement(By.id("confirm-button")).click();
    waitFor(By.id("adopted"));
    assertThat(text(By.id("adopted"))).contains("已导入 2009年", "新建单位 某某服务中心");
    shot("12-plan-imported");
    Files.deleteIfExists(table);
    browser.findElement(By.id("logout")).click();
    waitUntil(() -> browser.getCurrentUrl().contains("/dashboard/login?logout"));
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

  private static void waitFor(By by) {
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(by).isEmpty());
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) {
    // the simulator's log is redrawn as replies come in: an element read mid-redraw is stale
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> condition.getAsBoolean());
  }

  private static void shot(String name) {
    File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    try {
      Files.copy(
          file.toPath(),
          SHOTS.resolve(name + ".png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
