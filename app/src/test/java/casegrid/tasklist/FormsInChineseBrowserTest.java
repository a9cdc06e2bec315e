package casegrid.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
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
 * Camunda Forms in Tasklist without English (scripts/forms/chinese-forms.js): selects say 请选择, the date
 * picker reads and writes yyyy-MM-dd, and the date picked is the date the item gets. Headless Chromium's own locale is English, as the
 * browsers that showed "Select" and mm/dd/yyyy were.
 */
@CasegridTest
class FormsInChineseBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HeadlessChromium chromium;
    private static WebDriver driver;

    @LocalServerPort int port;
    @Autowired TaskService taskService;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeAll
    static void startChromium() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        chromium = HeadlessChromium.start("forms in Chinese browser test", 1366, 900, null);
        driver = chromium.driver();
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void thePlanFormSpeaksChineseAndTakesIsoDates() {
        String number = gradedMedium();

        driver.get("http://localhost:" + port + "/camunda/app/tasklist/");
        waitFor(By.cssSelector("input[ng-model='username']")).sendKeys("center1");
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("center1");
        driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        waitFor(By.cssSelector(".task-filters .item"));
        click(By.xpath("//*[contains(@class,'task-filters')]//h4[contains(@class,'name')]/a[normalize-space(text())='本组待办']"));
        // Straight to the task, as a link to it does: the centre's group list is long in the shared test
        // database (other test classes leave tasks there), and which page this one lands on is not the point here.
        String task = taskService.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_Plan")
                .singleResult().getId();
        new WebDriverWait(driver, TIMEOUT).until(d -> d.getCurrentUrl().contains("filter="));
        driver.get(driver.getCurrentUrl() + "&task=" + task);
        click(By.xpath("//ul[contains(@class,'nav-tabs')]/li/a[normalize-space()='表单']"));
        waitFor(By.cssSelector("[cam-tasklist-form-camunda] .fjs-form"));
        click(By.cssSelector("button.claim"));
        waitUntil(d -> d.findElements(By.cssSelector("button.claim")).isEmpty());

        // No English left in the form as rendered.
        waitUntil(d -> !d.findElements(By.cssSelector(".fjs-select-display")).isEmpty()
                || !d.findElements(By.cssSelector(".fjs-form input.fjs-input")).isEmpty());
        WebElement form = driver.findElement(By.cssSelector(".fjs-form"));
        waitUntil(d -> !form.getText().contains("Select"));
        assertThat(form.getText()).doesNotContain("Select", "Search", "mm/dd/yyyy");
        WebElement date = field("办结期限").findElement(By.cssSelector("input.fjs-input"));
        assertThat(date.getAttribute("placeholder")).isEqualTo("yyyy-mm-dd");
        for (WebElement input : driver.findElements(By.cssSelector(".fjs-form input[placeholder]"))) {
            assertThat(input.getAttribute("placeholder")).doesNotContain("Search").doesNotContain("mm/dd");
        }
        screenshot("forms-chinese-plan-desktop");

        select("责任单位", offered(number, "unitOptions", "community-C03"));
        select("责任领导", offered(number, "leaderOptions", "c03-leader"));
        select("摸排责任人", offered(number, "personOptions", "c03-grid1"));
        select("化解责任人", offered(number, "personOptions", "c03-staff"));
        select("稳控责任人", offered(number, "personOptions", "c03-grid2"));
        select("调度责任人", offered(number, "personOptions", "center1"));
        WebElement measures = field("化解措施").findElement(By.cssSelector("textarea, input"));
        centred(measures).sendKeys("组织双方调解。");
        // The picker takes and shows the date as yyyy-MM-dd, and the engine gets that very day.
        LocalDate later = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(20);
        centred(date).click();
        date.sendKeys(later.toString());
        date.sendKeys(Keys.ENTER);
        waitUntil(d -> later.toString().equals(date.getDomProperty("value")));
        centred(date);
        screenshot("forms-chinese-date-desktop");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        centred(date);
        screenshot("forms-chinese-date-phone");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));

        click(By.xpath("//div[contains(@class,'form-actions')]/button[contains(@class,'btn-primary')]"));
        waitUntil(d -> taskService.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_Plan").count() == 0);
        java.sql.Timestamp resolveBy = jdbc.sql("select resolve_by from risk_item where number = ?").param(number)
                .query(java.sql.Timestamp.class).single();
        // The deadline is the end of the picked day (the app stores it as the next midnight).
        ZoneId office = ZoneId.of("Asia/Shanghai");
        assertThat(resolveBy.toInstant()).isAfter(later.atStartOfDay(office).toInstant())
                .isBeforeOrEqualTo(later.plusDays(1).atStartOfDay(office).toInstant());
    }

    /** An item of C03 graded MEDIUM, not fixable at once: it waits for its plan. */
    private String gradedMedium() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "楼上漏水纠纷");
        body.put("description", "楼上漏水，两户多次协商未果。");
        body.put("category", "DISPUTE");
        body.put("source", "GRID_SURVEY");
        body.put("community", "C03");
        body.put("grid", "C03-G1");
        body.put("address", "C03 表单路" + System.nanoTime() + "号");
        body.put("peopleInvolved", 2);
        body.put("parties", List.of());
        Http.Response response = new Http(port).as("c03-grid1").postJson("/api/risk-items", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String number = response.json().path("number").asText();
        String grade = taskService.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_Grade")
                .singleResult().getId();
        Http staff = new Http(port).as("c03-staff");
        assertThat(staff.postJson("/engine-rest/task/" + grade + "/claim", Map.of("userId", "c03-staff")).status())
                .isEqualTo(204);
        Map<String, Object> variables = new HashMap<>();
        variables.put("riskLevel", Map.of("value", "MEDIUM"));
        variables.put("fixableNow", Map.of("value", false));
        variables.put("gradeReason", Map.of("value", "两户矛盾反复，需制定方案"));
        Http.Response graded = staff.postJson("/engine-rest/task/" + grade + "/complete", Map.of("variables", variables));
        assertThat(graded.status()).as(graded.body()).isEqualTo(204);
        return number;
    }

    private String offered(String number, String list, String value) {
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_Plan")
                .singleResult().getId();
        try {
            for (JsonNode option : JSON.readTree(String.valueOf(taskService.getVariableLocal(taskId, list)))) {
                if (option.path("value").asText().equals(value)) {
                    return option.path("label").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(value + " is not offered in " + list);
    }

    private WebElement field(String label) {
        By by = By.xpath("//*[contains(@class,'fjs-form-field-label')][normalize-space(text())='" + label + "']"
                + "/ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' fjs-form-field ')][1]");
        waitFor(by);
        List<WebElement> editable = driver.findElements(by).stream()
                .filter(f -> !f.findElements(By.cssSelector("input:not([disabled]), textarea:not([disabled])")).isEmpty())
                .toList();
        assertThat(editable).as("an editable form field labelled %s", label).isNotEmpty();
        return editable.get(editable.size() - 1);
    }

    private void select(String label, String optionLabel) {
        WebElement field = field(label);
        centred(field.findElement(By.cssSelector(".fjs-input-group"))).click();
        field.findElements(By.cssSelector("input.fjs-input")).stream().findFirst().ifPresent(search -> {
            search.clear();
            search.sendKeys(optionLabel);
        });
        WebElement item = new WebDriverWait(driver, TIMEOUT).until(d -> field.findElements(By.cssSelector(".fjs-dropdownlist-item"))
                .stream().filter(e -> e.getText().trim().equals(optionLabel)).findFirst().orElse(null));
        centred(item).click();
        waitUntil(d -> field.findElements(By.cssSelector(".fjs-select-display")).stream()
                        .anyMatch(e -> e.getText().trim().equals(optionLabel))
                || field.findElements(By.cssSelector("input.fjs-input")).stream()
                        .anyMatch(e -> optionLabel.equals(e.getDomProperty("value"))));
    }

    private static WebElement centred(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        return element;
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(driver, TIMEOUT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void click(By by) {
        new WebDriverWait(driver, TIMEOUT)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(ElementClickInterceptedException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
                    if (element == null) {
                        return false;
                    }
                    ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
                    element.click();
                    return true;
                });
    }

    private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, TIMEOUT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
