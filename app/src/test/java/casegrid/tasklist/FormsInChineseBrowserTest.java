package casegrid.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Http;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Camunda Forms in Tasklist without English (scripts/forms/chinese-forms.js): selects say 请选择, the date
 * picker reads and writes yyyy-MM-dd, and the date picked is the date the item gets. Headless Chromium's own locale is English, as the
 * browsers that showed "Select" and mm/dd/yyyy were.
 */
@CasegridTest
class FormsInChineseBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @LocalServerPort int port;
    @Autowired TaskService taskService;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void thePlanFormSpeaksChineseAndTakesIsoDates() {
        String number = gradedMedium();

        browser.signIn("center1");
        // Straight to the task, as a link to it does: the centre's group list is long in the shared test
        // database (other test classes leave tasks there), and which page this one lands on is not the point here.
        browser.openTask("制定一事一策 · " + number);
        browser.tab("表单");
        browser.claim();

        // No English left in the form as rendered.
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".fjs-select-display")).isEmpty()
                || !d.findElements(By.cssSelector(".fjs-form input.fjs-input")).isEmpty());
        WebElement form = browser.driver().findElement(By.cssSelector(".fjs-form"));
        browser.waitUntil(d -> !form.getText().contains("Select"));
        assertThat(form.getText()).doesNotContain("Select", "Search", "mm/dd/yyyy");
        WebElement date = browser.field("办结期限").findElement(By.cssSelector("input.fjs-input"));
        assertThat(date.getAttribute("placeholder")).isEqualTo("yyyy-mm-dd");
        for (WebElement input : browser.driver().findElements(By.cssSelector(".fjs-form input[placeholder]"))) {
            assertThat(input.getAttribute("placeholder")).doesNotContain("Search").doesNotContain("mm/dd");
        }
        browser.screenshot("forms-chinese-plan-desktop");

        browser.select("责任单位", browser.offered(number, "Task_Plan", "unitOptions", "community-C03"));
        browser.select("责任领导", browser.offered(number, "Task_Plan", "leaderOptions", "c03-leader"));
        browser.select("摸排责任人", browser.offered(number, "Task_Plan", "personOptions", "c03-grid1"));
        browser.select("化解责任人", browser.offered(number, "Task_Plan", "personOptions", "c03-staff"));
        browser.select("稳控责任人", browser.offered(number, "Task_Plan", "personOptions", "c03-grid2"));
        browser.select("调度责任人", browser.offered(number, "Task_Plan", "personOptions", "center1"));
        WebElement measures = browser.field("化解措施").findElement(By.cssSelector("textarea, input"));
        browser.centred(measures).sendKeys("组织双方调解。");
        // The picker takes and shows the date as yyyy-MM-dd, and the engine gets that very day.
        LocalDate later = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(20);
        browser.centred(date).click();
        date.sendKeys(later.toString());
        date.sendKeys(Keys.ENTER);
        browser.waitUntil(d -> later.toString().equals(date.getDomProperty("value")));
        browser.centred(date);
        browser.screenshot("forms-chinese-date-desktop");
        browser.resize(HeadlessChromium.PHONE);
        browser.centred(date);
        browser.screenshot("forms-chinese-date-phone");
        browser.resize(HeadlessChromium.DESKTOP);

        browser.complete();
        browser.waitUntil(d -> taskService.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_Plan").count() == 0);
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
}
