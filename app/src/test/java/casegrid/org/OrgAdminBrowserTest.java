package casegrid.org;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The administrator's pages in Chromium, signed in through Tasklist (the page's uploads are session
 * POSTs with Camunda's CSRF token): the organisation in figures, the dry run of a second street's file
 * and of a broken one, and the reference data page; screenshots at desktop and phone size in
 * target/screenshots (docs/images keeps a copy).
 */
@CasegridTest
class OrgAdminBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Dimension DESKTOP = new Dimension(1366, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static HeadlessChromium chromium;
    private static WebDriver driver;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void startChromium() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        chromium = HeadlessChromium.start("organisation admin browser test", 1366, 900, null);
        driver = chromium.driver();
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theAdministratorChecksAFileAndSeesEveryProblemByLine() throws IOException {
        driver.manage().window().setSize(DESKTOP);
        driver.get(base() + "/camunda/app/tasklist/");
        waitFor(By.cssSelector("input[ng-model='username']")).sendKeys("admin");
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("admin");
        driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        waitUntil(d -> d.findElements(By.cssSelector("form[name='signinForm']")).isEmpty());

        // Tasklist loads the intake start form through the webapp's engine API: its selects arrive filled.
        Object startForm = ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[0];"
                + "fetch('/camunda/api/engine/engine/default/process-definition/key/riskItem/deployed-start-form',"
                + " {credentials: 'same-origin'}).then(function (r) { return r.text(); }).then(done);");
        assertThat(String.valueOf(startForm)).contains("\"value\":\"DISPUTE\"", "社会矛盾纠纷", "C03 福寿社区", "12345热线")
                .doesNotContain("categoryOptions").doesNotContain("communityOptions");

        driver.get(base() + "/admin/org");
        try {
            waitUntil(d -> d.findElement(By.cssSelector("#streets tbody")).getText().contains("全福街道"));
        } catch (RuntimeException e) {
            screenshot("org-admin-failed");
            throw new AssertionError(driver.getCurrentUrl() + "\n" + driver.getPageSource(), e);
        }
        assertThat(driver.findElement(By.cssSelector("#streets tbody")).getText()).contains("QF", "street-center", "15", "60", "11");
        int streets = jdbc.sql("select count(*) from street").query(Integer.class).single();

        Path good = Files.createTempFile("second-street-", ".xlsx");
        Files.write(good, OrgImportHttpTest.xlsx(OrgImportHttpTest.secondStreet()));
        driver.findElement(By.id("file")).sendKeys(good.toString());
        // The browser's own file button would say "Choose File" in an English browser: a Chinese label stands in.
        assertThat(driver.findElement(By.cssSelector("label[for='file']")).getText()).isEqualTo("选择组织机构文件（.xlsx）");
        assertThat(driver.findElement(By.id("fileName")).getText()).isEqualTo(good.getFileName().toString());
        driver.findElement(By.cssSelector("#upload button[type='submit']")).click();
        waitUntil(d -> d.findElement(By.id("result")).getText().contains("预检通过"));
        String result = driver.findElement(By.id("result")).getText();
        assertThat(result).contains("街道 HJ", "将新建的账号", "hj-center1", "新增").doesNotContain("undefined");
        assertThat(driver.findElement(By.id("confirm")).isEnabled()).isTrue();
        screenshot("org-admin-desktop");
        assertThat(jdbc.sql("select count(*) from street").query(Integer.class).single()).as("a dry run only").isEqualTo(streets);

        Map<String, List<List<String>>> broken = OrgImportHttpTest.secondStreet();
        broken.get("社区").add(List.of("H-03", "和谐三社区", "HJ", "supervision-hj1"));
        broken.get("人员").set(2, List.of("hj-leader1", "和谐街道领导", "和谐街道领导", "1380000", ""));
        Path bad = Files.createTempFile("broken-street-", ".xlsx");
        Files.write(bad, OrgImportHttpTest.xlsx(broken));
        driver.findElement(By.id("file")).clear();
        driver.findElement(By.id("file")).sendKeys(bad.toString());
        driver.findElement(By.cssSelector("#upload button[type='submit']")).click();
        waitUntil(d -> d.findElement(By.id("result")).getText().contains("处问题"));
        assertThat(driver.findElement(By.id("result")).getText()).contains("2 处问题", "社区", "不能含", "手机");
        assertThat(driver.findElement(By.id("confirm")).isEnabled()).isFalse();
        driver.manage().window().setSize(PHONE);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                driver.findElement(By.id("result")));
        screenshot("org-admin-problems-phone");
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        screenshot("org-admin-phone");
        Files.deleteIfExists(good);
        Files.deleteIfExists(bad);

        driver.manage().window().setSize(DESKTOP);
        driver.get(base() + "/admin/reference");
        waitUntil(d -> d.findElement(By.id("kinds")).getText().contains("DISPUTE"));
        String page = driver.findElement(By.tagName("body")).getText();
        assertThat(page).contains("目标化解率", "类别", "来源渠道", "化解结果", "细类", "HOTLINE_12345").doesNotContain("undefined");
        assertThat(driver.findElement(By.cssSelector("input[data-name='CATEGORY/DISPUTE']")).getAttribute("value")).isEqualTo("社会矛盾纠纷");
        assertThat(driver.findElement(By.cssSelector("input[data-level='MEDIUM']")).getAttribute("value")).isEqualTo("90");
        screenshot("reference-admin-desktop");
        driver.manage().window().setSize(PHONE);
        screenshot("reference-admin-phone");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(120)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
