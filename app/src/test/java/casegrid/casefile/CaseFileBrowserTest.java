package casegrid.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Http;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The case file in the caseworker's hands, in headless Chromium (one browser, one login): c03-staff
 * opens 研判定级 in Tasklist, sees the 卷宗 tab first with the description and the violence flag,
 * and follows its link to the case page, whose diagram marks the current task. Screenshots at desktop
 * (1366×900) and phone (390×844) size go to {@code target/screenshots/}. The task is opened by its Tasklist
 * address (the shared test database's group list holds other classes' tasks).
 */
@CasegridTest
class CaseFileBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @LocalServerPort int port;
    @Autowired TaskService taskService;

    @Test
    void theCaseFileIsTheFirstTabOfTheGradingTaskAndLeadsToTheCasePage() {
        String number = reportWithThreatOfViolence();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_Grade").count())
                .isEqualTo(1);

        browser.signIn("c03-staff");
        browser.openTask("研判定级 · " + number);
        WebElement caseFile = browser.waitFor(By.cssSelector(".cf-case-file"));
        browser.waitUntil(d -> caseFile.getText().contains("两户因噪音多次争吵"));
        assertThat(caseFile.getText()).contains(number, "有暴力倾向", "社会矛盾纠纷", "福寿社区", "处置经过", "登记");
        assertThat(browser.driver().findElement(By.cssSelector(".cf-flag-violence")).isDisplayed()).isTrue();
        browser.screenshot("tasklist-case-file-desktop");
        browser.resize(HeadlessChromium.PHONE);
        browser.scrollTo(".cf-case-file");
        browser.screenshot("tasklist-case-file-phone");

        String pageLink = browser.driver().findElement(By.cssSelector(".cf-page-link")).getAttribute("href");
        assertThat(pageLink).endsWith("/items/" + number);
        browser.driver().get(pageLink);
        browser.waitFor(By.cssSelector(".cf-case-file .cf-flag-violence"));
        // bpmn-js marks the waiting task; the grading task is where this item stands.
        browser.waitFor(By.cssSelector(".djs-element.cg-active[data-element-id='Task_Grade']"));
        assertThat(browser.driver().findElements(By.cssSelector(".djs-element.cg-passed"))).isNotEmpty();
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("流程图", "当前环节", "打印案卷")
                .doesNotContain("undefined").doesNotContain("null");
        browser.screenshot("case-page-phone");
        browser.scrollTo("#diagram");
        browser.screenshot("case-page-phone-diagram");
        browser.resize(HeadlessChromium.DESKTOP);
        browser.waitFor(By.cssSelector(".djs-element.cg-active[data-element-id='Task_Grade']"));
        browser.screenshot("case-page-desktop");
        browser.scrollTo("#diagram");
        browser.screenshot("case-page-desktop-diagram");
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
}
