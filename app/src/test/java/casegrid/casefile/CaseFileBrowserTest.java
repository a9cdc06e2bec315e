package casegrid.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.HeadlessChromium;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
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

/**
 * The case file in the caseworker's hands, in headless Chromium (one browser, one login): c03-staff
 * opens 研判定级 in Tasklist, sees the 卷宗 tab first with the description and the violence flag,
 * and follows its link to the case page, whose diagram marks the current task. Screenshots at desktop
 * (1366×900) and phone (390×844) size go to {@code target/screenshots/}.
 */
@CasegridTest
class CaseFileBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Dimension DESKTOP = new Dimension(1366, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    private static HeadlessChromium chromium;
    private static WebDriver driver;

    @LocalServerPort int port;
    @Autowired TaskService taskService;

    @BeforeAll
    static void startChromium() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        chromium = HeadlessChromium.start("case file browser test", 1366, 900, null);
        driver = chromium.driver();
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theCaseFileIsTheFirstTabOfTheGradingTaskAndLeadsToTheCasePage() {
        String number = reportWithThreatOfViolence();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_Grade").count())
                .isEqualTo(1);

        driver.manage().window().setSize(DESKTOP);
        driver.get(base() + "/camunda/app/tasklist/");
        waitFor(By.cssSelector("input[ng-model='username']")).sendKeys("c03-staff");
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("c03-staff");
        driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        waitFor(By.cssSelector(".task-filters .item"));

        // As a caseworker does: the group's tasks, then the item's grading task.
        click(By.xpath("//*[contains(@class,'task-filters')]//h4[contains(@class,'name')]/a[normalize-space(text())='本组待办']"));
        click(By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[starts-with(normalize-space(),'研判定级 · " + number + "')]"));
        WebElement activeTab = waitFor(By.cssSelector(".tabbed-content ul.nav-tabs li.active a"));
        assertThat(activeTab.getText().trim()).isEqualTo("卷宗");
        WebElement caseFile;
        try {
            caseFile = waitFor(By.cssSelector(".cf-case-file"));
        } catch (RuntimeException e) {
            screenshot("FAILED-case-file");
            try {
                Files.writeString(SCREENSHOTS.resolve("FAILED-case-file.html"), driver.getPageSource());
            } catch (IOException io) {
                e.addSuppressed(io);
            }
            throw e;
        }
        waitUntil(d -> caseFile.getText().contains("两户因噪音多次争吵"));
        assertThat(caseFile.getText()).contains(number, "有暴力倾向", "社会矛盾纠纷", "福寿社区", "处置经过", "登记");
        assertThat(driver.findElement(By.cssSelector(".cf-flag-violence")).isDisplayed()).isTrue();
        screenshot("tasklist-case-file-desktop");
        driver.manage().window().setSize(PHONE);
        scrollTo(".cf-case-file");
        screenshot("tasklist-case-file-phone");

        String pageLink = driver.findElement(By.cssSelector(".cf-page-link")).getAttribute("href");
        assertThat(pageLink).endsWith("/items/" + number);
        driver.get(pageLink);
        waitFor(By.cssSelector(".cf-case-file .cf-flag-violence"));
        // bpmn-js marks the waiting task; the grading task is where this item stands.
        waitFor(By.cssSelector(".djs-element.cg-active[data-element-id='Task_Grade']"));
        assertThat(driver.findElements(By.cssSelector(".djs-element.cg-passed"))).isNotEmpty();
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("流程图", "当前环节", "打印案卷")
                .doesNotContain("undefined").doesNotContain("null");
        screenshot("case-page-phone");
        scrollTo("#diagram");
        screenshot("case-page-phone-diagram");
        driver.manage().window().setSize(DESKTOP);
        waitFor(By.cssSelector(".djs-element.cg-active[data-element-id='Task_Grade']"));
        screenshot("case-page-desktop");
        scrollTo("#diagram");
        screenshot("case-page-desktop-diagram");
    }

    private static void scrollTo(String css) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                driver.findElement(By.cssSelector(css)));
    }

    private String reportWithThreatOfViolence() {
        long unique = System.nanoTime();
        Map<String, Object> body = new HashMap<>();
        body.put("title", "噪音纠纷扬言报复");
        body.put("description", "两户因噪音多次争吵，一方扬言报复，需尽快研判。");
        body.put("category", "DISPUTE");
        body.put("source", "GRID_SURVEY");
        body.put("community", "C03");
        body.put("grid", "C03-G1");
        body.put("address", "C03 卷宗路" + unique + "号");
        body.put("occurredAt", "2026-11-20T09:30:00+08:00");
        body.put("peopleInvolved", 3);
        body.put("parties", List.of(Map.of("name", "钱" + unique, "phone", String.format("137%08d", unique % 100_000_000L),
                "role", "当事人")));
        body.put("threatOfViolence", true);
        body.put("involvesMinors", false);
        body.put("crossJurisdiction", false);
        Http.Response response = new Http(port).as("c03-grid1").postJson("/api/risk-items", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("number").asText();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Finds and clicks in one attempt, again when Angular re-rendered the element in between. */
    private static void click(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
                    if (element == null) {
                        return false;
                    }
                    element.click();
                    return true;
                });
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
