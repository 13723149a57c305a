package org.qingfeng.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.qingfeng.app.support.MllpTestClient.send;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;

/**
 * The console in a real browser: Debian's Chromium, headless, driven through Debian's chromedriver (no browser or
 * driver download). Logs in, reads the pharmacy inbox in Chinese, switches to English, signs out, and keeps a
 * screenshot under target/screenshots.
 */
class ConsoleBrowserIT extends QingfengIT {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        assertThat(new File(CHROMIUM).canExecute())
                .as("Debian's chromium package (deploy/test/run-tests.sh installs it)")
                .isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute())
                .as("Debian's chromium-driver package")
                .isTrue();
        profile = Files.createTempDirectory("qingfeng-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void pharmacistLogsInReadsTheInboxAndSwitchesLanguage() throws Exception {
        String id = Hl7Messages.controlId();
        send(MLLP_PORT, Hl7Messages.longRde(id));
        await().until(() -> count("SELECT COUNT(*) FROM alert WHERE scope = ?", "RX:QF-HOSP:RX" + id) > 0);

        browser.get(url("/console/inbox"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(browser.getTitle()).contains("登录");
        browser.findElement(By.id("username")).sendKeys("pharm");
        browser.findElement(By.id("password")).sendKeys("pharm-password");
        browser.findElement(By.cssSelector("form.login button[type=submit]")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alerts")));
        assertThat(browser.getTitle()).contains("待审处方预警");
        String table = browser.findElement(By.id("alerts")).getText();
        assertThat(table).contains("超天数处方").contains("赵丽");
        screenshot("console-inbox-zh.png");

        // the pharmacist sends the warning back to the prescriber from the inbox
        long alertId = jdbc.queryForObject(
                "SELECT id FROM alert WHERE scope = ? AND rule_code = 'RX_SUPPLY_DAYS_EXCEEDED'",
                Long.class,
                "RX:QF-HOSP:RX" + id);
        String row = "tr[data-alert-id='" + alertId + "']";
        browser.findElement(By.cssSelector(row + " input[name=ids]")).click();
        new Select(browser.findElement(By.id("review-action"))).selectByValue("RETURN");
        browser.findElement(By.id("review-note")).sendKeys("请说明用药天数");
        browser.findElement(By.id("review-apply")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-result")));
        assertThat(browser.findElement(By.id("review-result")).getText()).contains("已处理 1 条");
        assertThat(browser.findElement(By.cssSelector(row + " td.review")).getText())
                .isEqualTo("已退回医生");
        assertThat(jdbc.queryForObject("SELECT review_status FROM alert WHERE id = ?", String.class, alertId))
                .isEqualTo("RETURNED");
        screenshot("console-inbox-reviewed-zh.png");

        browser.findElement(By.linkText("English")).click();
        wait.until(ExpectedConditions.titleContains("Prescription warnings"));
        assertThat(browser.findElement(By.id("alerts")).getText()).contains("Days' supply exceeded");
        screenshot("console-inbox-en.png");

        browser.findElement(By.cssSelector("header form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get(url("/console/inbox"));
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.qingfeng.app.reference.ReferenceCache reference;

    @org.springframework.beans.factory.annotation.Autowired
    org.qingfeng.app.alert.AlertService alertService;

    @Test
    void disciplineOfficeGeneratesTheDoubleTenReportAndReadsAPatternAlertWithItsChart() throws Exception {
        org.qingfeng.app.pattern.StoredLines.drug(jdbc, "PT-BX1", "浏览器测试药品", "10.00", false);
        org.qingfeng.app.pattern.StoredLines.drug(jdbc, "PT-BXS", "浏览器测试支架", "3000.00", true);
        reference.reload();
        java.time.LocalDate day = java.time.LocalDate.of(2025, 8, 8);
        new org.qingfeng.app.pattern.StoredLines(jdbc)
                .line("PT-BR-1", "PT-BR-P1", "PT-BR", "PT-BR-D1", day, "PT-BX1", 12)
                .line("PT-BR-2", "PT-BR-P2", "PT-BR", "PT-BR-D2", day, "PT-BXS", 1)
                .flush();
        assertThat(post("/api/v1/rollups/rebuild?from=2025-08-01&to=2025-08-31", "", "it", "it-password")
                        .statusCode())
                .isEqualTo(200);
        long alertId = alertService
                .raise(List.of(new org.qingfeng.monitors.finding.Finding(
                        "PAT_PEER_OUTLIER",
                        org.qingfeng.config.Severity.MEDIUM,
                        org.qingfeng.monitors.finding.Inbox.DISCIPLINE,
                        new org.qingfeng.monitors.finding.Subject(
                                org.qingfeng.monitors.finding.SubjectType.STAFF, "PT-BR-D1", "浏览器医师"),
                        "PT-BR",
                        "PAT:2025-08:PT-BX1",
                        "浏览器医师 浏览器测试药品 用量同科室排名第 1 / peer outlier",
                        false,
                        java.util.Map.of(
                                "itemCode",
                                "PT-BX1",
                                "value",
                                400,
                                "peerMedian",
                                100,
                                "robustZ",
                                12.5,
                                "peerValues",
                                List.of(90, 95, 100, 100, 105, 110),
                                "topPrescriptions",
                                List.of(java.util.Map.of(
                                        "prescription",
                                        "PT-H:PT-BR-1",
                                        "orderedAt",
                                        "2025-08-08T02:00:00Z",
                                        "quantity",
                                        12,
                                        "amount",
                                        120))))))
                .get(0);

        browser.get(url("/console/reports/double-ten?month=2025-08"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys("disc");
        browser.findElement(By.id("password")).sendKeys("disc-password");
        browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/console/inbox"));
        browser.findElement(By.linkText("双十排名")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("month")));
        browser.get(url("/console/reports/double-ten?month=2025-08"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-report")));
        browser.findElement(By.id("run-double-ten")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table-drugs")));
        assertThat(browser.findElement(By.id("table-drugs")).getText())
                .contains("浏览器测试药品")
                .contains("120.00");
        assertThat(browser.findElement(By.id("table-consumables")).getText()).contains("浏览器测试支架");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-drugs canvas")));
        screenshot("console-double-ten-zh.png");

        // the prescriber's name in the ranking opens the drill-down for that month, which says how the read was
        // recorded
        long ledger = count("SELECT COUNT(*) FROM stat_ledger WHERE source = 'qingfeng' AND targets = 'PT-BR-D1'");
        browser.findElement(By.cssSelector("#table-drugs a.drill")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#months-chart canvas")));
        assertThat(browser.getCurrentUrl())
                .contains("/console/prescribers/PT-BR-D1/usage?from=2025-08-01&to=2025-08-31");
        assertThat(browser.findElement(By.id("items")).getText())
                .contains("浏览器测试药品")
                .contains("120.00");
        assertThat(browser.findElement(By.id("access")).getText()).contains("STAT_SELF_ACCESS");
        screenshot("console-prescriber-usage-zh.png");
        assertThat(count("SELECT COUNT(*) FROM stat_ledger WHERE source = 'qingfeng' AND targets = 'PT-BR-D1'"))
                .isEqualTo(ledger + 1);
        // the STAT_SELF_ACCESS alert it raised, its evidence labelled in Chinese
        long selfAccess = jdbc.queryForObject(
                "SELECT id FROM alert WHERE rule_code = 'STAT_SELF_ACCESS' AND subject_id = 'disc' AND scope LIKE ?",
                Long.class,
                "%:PT-BR-D1");
        browser.get(url("/console/alerts/" + selfAccess));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("evidence")));
        assertThat(browser.findElement(By.id("evidence")).getText())
                .contains("查询人")
                .contains("审批核查")
                .contains("案件核查")
                .contains("PT-BR-D1");
        screenshot("console-self-access-alert-zh.png");

        browser.get(url("/console/alerts/" + alertId));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alert-chart canvas")));
        assertThat(browser.findElement(By.id("evidence")).getText())
                .contains("稳健 z 值")
                .contains("12.5");
        assertThat(browser.findElement(By.id("top-prescriptions")).getText()).contains("PT-H:PT-BR-1");
        assertThat(browser.findElement(By.id("drill")).getAttribute("href"))
                .endsWith("/console/prescribers/PT-BR-D1/usage");
        screenshot("console-pattern-alert-zh.png");
        assertThat(count("SELECT COUNT(*) FROM access_audit WHERE actor = 'disc' AND resource = ?", "alert/" + alertId))
                .isEqualTo(1);
    }

    private void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(name), png);
        assertThat(png.length).isGreaterThan(1000);
    }
}
