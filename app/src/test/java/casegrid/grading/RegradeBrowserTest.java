package casegrid.grading;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 调整风险等级 in the Tasklist 卷宗 tab, in headless Chromium: the resolver (community staff) raises a
 * medium item to HIGH with the Tasklist session (CSRF token included), then asks to lower it again, which
 * waits for the street leaders (the tab then shows the request and offers no second one). Screenshots at desktop (1366×900) and phone (390×844) size go to
 * {@code target/screenshots/}.
 */
@CasegridTest
class RegradeBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Dimension DESKTOP = new Dimension(1366, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    @org.junit.jupiter.api.extension.RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();
    private static WebDriver driver;

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @org.junit.jupiter.api.BeforeEach
    void useTheSharedBrowser() {
        driver = chromium.driver();
    }

    @Test
    void theResolverRaisesTheLevelFromTheCaseFileTabAndAsksToLowerItAgain() {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C05", "MEDIUM");
        String taskId = item.task("Task_Resolve").getId();

        driver.manage().window().setSize(DESKTOP);
        driver.get(base() + "/camunda/app/tasklist/");
        waitFor(By.cssSelector("input[ng-model='username']")).sendKeys("c05-staff");
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("c05-staff");
        driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        waitFor(By.cssSelector(".task-filters .item"));
        driver.get(base() + "/camunda/app/tasklist/default/#/?filter=" + filterId("c05-staff", "本组待办") + "&task=" + taskId);

        WebElement form = waitFor(By.cssSelector(".cf-regrade"));
        assertThat(form.getText()).contains("调整风险等级", "调整为", "理由");
        scrollTo(".cf-regrade");
        screenshot("regrade-tasklist-desktop");
        driver.manage().window().setSize(PHONE);
        scrollTo(".cf-regrade");
        screenshot("regrade-tasklist-phone");
        driver.manage().window().setSize(DESKTOP);
        new Select(form.findElement(By.cssSelector("select[name='riskLevel']"))).selectByVisibleText("高风险");
        form.findElement(By.cssSelector("textarea[name='reason']")).sendKeys("当事人扬言报复");
        form.findElement(By.cssSelector("button[type='submit']")).click();

        // The tab reads the item again: HIGH, and the form now offers only the lower levels.
        waitUntil(d -> d.findElement(By.cssSelector(".cf-header .cf-level")).getText().contains("高"));
        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");
        assertThat(jdbc.sql("select actor from risk_item_event where number = ? and kind = 'REGRADED'").param(item.number)
                .query(String.class).single()).isEqualTo("c05-staff");
        WebElement again = waitFor(By.cssSelector(".cf-regrade"));
        assertThat(again.findElements(By.cssSelector("select[name='riskLevel'] option")))
                .extracting(WebElement::getText).containsExactly("中风险", "低风险");

        new Select(again.findElement(By.cssSelector("select[name='riskLevel']"))).selectByVisibleText("中风险");
        again.findElement(By.cssSelector("textarea[name='reason']")).sendKeys("经核实系气话，双方已和解");
        again.findElement(By.cssSelector("button[type='submit']")).click();
        WebElement pending = waitFor(By.cssSelector(".cf-regrade-pending"));
        assertThat(pending.getText()).contains("待街道领导审批", "c05-staff", "中风险", "双方已和解");
        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");
        assertThat(driver.findElements(By.cssSelector(".cf-regrade"))).as("no second request while one waits").isEmpty();
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("undefined");
        scrollTo(".cf-regrade-pending");
        screenshot("regrade-tasklist-pending-desktop");
        driver.manage().window().setSize(PHONE);
        scrollTo(".cf-regrade-pending");
        screenshot("regrade-tasklist-pending-phone");
    }

    private String filterId(String user, String name) {
        for (JsonNode filter : new Http(port).as(user).get("/engine-rest/filter?resourceType=Task&maxResults=100").json()) {
            if (filter.path("name").asText().equals(name)) {
                return filter.path("id").asText();
            }
        }
        throw new AssertionError("no filter " + name + " for " + user);
    }

    private static void scrollTo(String css) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                driver.findElement(By.cssSelector(css)));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
