package org.qingfeng.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.qingfeng.app.support.MllpTestClient.send;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(name), png);
        assertThat(png.length).isGreaterThan(1000);
    }
}
