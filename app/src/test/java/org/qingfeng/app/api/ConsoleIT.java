package org.qingfeng.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.qingfeng.app.support.MllpTestClient.send;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;

/** The server-rendered console: form login with CSRF, the pharmacy inbox in Chinese and in English. */
class ConsoleIT extends QingfengIT {

    private HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    private HttpResponse<String> page(HttpClient browser, String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(HttpClient browser, String user, String password) throws Exception {
        String loginPage = page(browser, "/login").body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + csrf.group(1);
        return browser.send(
                HttpRequest.newBuilder(URI.create(url("/login")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pharmacistSeesOpenAlertsInChineseAndSwitchesToEnglish() throws Exception {
        String id = Hl7Messages.controlId();
        send(MLLP_PORT, Hl7Messages.longRde(id));
        await().until(() -> count("SELECT COUNT(*) FROM alert WHERE scope = ?", "RX:QF-HOSP:RX" + id) > 0);

        HttpClient browser = browser();
        HttpResponse<String> inbox = login(browser, "pharm", "pharm-password");
        assertThat(inbox.uri().getPath()).isEqualTo("/console/inbox");
        assertThat(inbox.body()).contains("待审处方预警").contains("超天数处方").contains("赵丽");

        // the language switch of the shared header keeps the page and its query
        assertThat(page(browser, "/console/inbox?inbox=PHARMACY").body())
                .contains("href=\"/console/inbox?inbox=PHARMACY&amp;lang=en\"");
        HttpResponse<String> english = page(browser, "/console/inbox?lang=en");
        assertThat(english.body())
                .contains("Prescription warnings to review")
                .contains("Days&#39; supply exceeded"); // HTML-escaped apostrophe
        // the choice is remembered
        assertThat(page(browser, "/console/inbox").body()).contains("Prescription warnings to review");
    }

    @Test
    void wrongPasswordStaysOnLoginAndPagesNeedALogin() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> failed = login(browser, "pharm", "nope");
        assertThat(failed.uri().getQuery()).contains("error");
        assertThat(failed.body()).contains("用户名或密码错误");
        assertThat(page(browser(), "/console/inbox").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void itCannotReadThePharmacyQueue() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> inbox = login(browser, "it", "it-password");
        assertThat(inbox.body()).contains("您的角色无权查看此队列");
    }

    @Test
    void theDisciplineOfficeReadsTheStatisticsLedgerPharmacistsDoNot() throws Exception {
        HttpResponse<String> posted = post(
                "/api/v1/data-access-events",
                "{\"time\":\"2026-11-24T02:00:00Z\",\"dbUser\":\"console_report\",\"clientIp\":\"10.9.9.9\","
                        + "\"statement\":\"SELECT doctor_id, SUM(qty) FROM prescription_line GROUP BY doctor_id\",\"rows\":7}",
                "it",
                "it-password");
        assertThat(posted.statusCode()).isEqualTo(200);
        HttpClient browser = browser();
        HttpResponse<String> inbox = login(browser, "disc", "disc-password");
        assertThat(inbox.body()).contains("统方台账");
        HttpResponse<String> ledger = page(browser, "/console/ledger");
        assertThat(ledger.statusCode()).isEqualTo(200);
        assertThat(ledger.body())
                .contains("统方查询台账")
                .contains("console_report")
                .contains("未审批")
                .contains("GROUP BY doctor_id");

        HttpClient pharmacist = browser();
        assertThat(login(pharmacist, "pharm", "pharm-password").body()).doesNotContain("统方台账");
        assertThat(page(pharmacist, "/console/ledger").statusCode()).isEqualTo(403);
    }
}
