package casegrid.org;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The administrator's pages in Chromium, signed in through Tasklist (the page's uploads are session
 * POSTs with Camunda's CSRF token): the organisation in figures, the dry run of a second street's file
 * and of a broken one, and the reference data page; screenshots at desktop and phone size in
 * target/screenshots (docs/images keeps a copy).
 */
@CasegridTest
class OrgAdminBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @Autowired JdbcClient jdbc;

    @Test
    void theAdministratorChecksAFileAndSeesEveryProblemByLine() throws IOException {
        browser.signIn("admin");

        // Tasklist loads the intake start form through the webapp's engine API: its selects arrive filled.
        Object startForm = ((JavascriptExecutor) browser.driver()).executeAsyncScript("var done = arguments[0];"
                + "fetch('/camunda/api/engine/engine/default/process-definition/key/riskItem/deployed-start-form',"
                + " {credentials: 'same-origin'}).then(function (r) { return r.text(); }).then(done);");
        assertThat(String.valueOf(startForm)).contains("\"value\":\"DISPUTE\"", "社会矛盾纠纷", "C03 福寿社区", "12345热线")
                .doesNotContain("categoryOptions").doesNotContain("communityOptions");

        browser.open("/admin/org");
        browser.waitUntil(d -> d.findElement(By.cssSelector("#streets tbody")).getText().contains("全福街道"));
        assertThat(browser.driver().findElement(By.cssSelector("#streets tbody")).getText()).contains("QF", "street-center", "15", "60", "11");
        int streets = jdbc.sql("select count(*) from street").query(Integer.class).single();

        Path good = Files.createTempFile("second-street-", ".xlsx");
        Files.write(good, OrgImportHttpTest.xlsx(OrgImportHttpTest.secondStreet()));
        browser.driver().findElement(By.id("file")).sendKeys(good.toString());
        // The browser's own file button would say "Choose File" in an English browser: a Chinese label stands in.
        assertThat(browser.driver().findElement(By.cssSelector("label[for='file']")).getText()).isEqualTo("选择组织机构文件（.xlsx）");
        assertThat(browser.driver().findElement(By.id("fileName")).getText()).isEqualTo(good.getFileName().toString());
        browser.driver().findElement(By.cssSelector("#upload button[type='submit']")).click();
        browser.waitUntil(d -> d.findElement(By.id("result")).getText().contains("预检通过"));
        String result = browser.driver().findElement(By.id("result")).getText();
        assertThat(result).contains("街道 HJ", "将新建的账号", "hj-center1", "新增").doesNotContain("undefined");
        assertThat(browser.driver().findElement(By.id("confirm")).isEnabled()).isTrue();
        browser.screenshot("org-admin-desktop");
        assertThat(jdbc.sql("select count(*) from street").query(Integer.class).single()).as("a dry run only").isEqualTo(streets);

        Map<String, List<List<String>>> broken = OrgImportHttpTest.secondStreet();
        broken.get("社区").add(List.of("H-03", "和谐三社区", "HJ", "supervision-hj1"));
        broken.get("人员").set(2, List.of("hj-leader1", "和谐街道领导", "和谐街道领导", "1380000", ""));
        Path bad = Files.createTempFile("broken-street-", ".xlsx");
        Files.write(bad, OrgImportHttpTest.xlsx(broken));
        browser.driver().findElement(By.id("file")).clear();
        browser.driver().findElement(By.id("file")).sendKeys(bad.toString());
        browser.driver().findElement(By.cssSelector("#upload button[type='submit']")).click();
        browser.waitUntil(d -> d.findElement(By.id("result")).getText().contains("处问题"));
        assertThat(browser.driver().findElement(By.id("result")).getText()).contains("2 处问题", "社区", "不能含", "手机");
        assertThat(browser.driver().findElement(By.id("confirm")).isEnabled()).isFalse();
        browser.resize(HeadlessChromium.PHONE);
        browser.scrollTo("#result");
        browser.screenshot("org-admin-problems-phone");
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("org-admin-phone");
        Files.deleteIfExists(good);
        Files.deleteIfExists(bad);

        browser.resize(HeadlessChromium.DESKTOP);
        browser.open("/admin/reference");
        browser.waitUntil(d -> d.findElement(By.id("kinds")).getText().contains("DISPUTE"));
        String page = browser.driver().findElement(By.tagName("body")).getText();
        assertThat(page).contains("目标化解率", "类别", "来源渠道", "化解结果", "细类", "HOTLINE_12345").doesNotContain("undefined");
        assertThat(browser.driver().findElement(By.cssSelector("input[data-name='CATEGORY/DISPUTE']")).getAttribute("value")).isEqualTo("社会矛盾纠纷");
        assertThat(browser.driver().findElement(By.cssSelector("input[data-level='MEDIUM']")).getAttribute("value")).isEqualTo("90");
        browser.screenshot("reference-admin-desktop");
        browser.resize(HeadlessChromium.PHONE);
        browser.screenshot("reference-admin-phone");
    }

}
