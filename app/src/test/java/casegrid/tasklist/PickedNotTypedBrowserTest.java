package casegrid.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.org.Office;
import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Scenario;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The last fields of issue 11 that took what a user typed: the intake start form's 所属网格 is a select of
 * the caller's grids labelled with their community, the emergency plan's 指挥部人员 a tag list of the item's
 * people labelled "姓名（单位）", and a read-only deadline (化解处置's 办结期限) reads yyyy-MM-dd HH:mm, not an
 * ISO date-time; no English title or aria-label is left on the form's buttons.
 */
@CasegridTest
class PickedNotTypedBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @Test
    void theIntakeFormOffersTheCallersGridsByName() {
        browser.signInAs("c03-staff");
        // Tasklist's own link to a process's start form (启动流程, the process picked by its key).
        browser.open("/camunda/app/tasklist/default/#/?processStart=riskItem");
        browser.waitFor(By.cssSelector(".modal-body .fjs-form"));
        browser.select("所属社区", "C03 福寿社区");
        WebElement grid = browser.field("所属网格");
        browser.centred(grid.findElement(By.cssSelector(".fjs-input-group"))).click();
        browser.waitUntil(d -> !grid.findElements(By.cssSelector(".fjs-dropdownlist-item")).isEmpty());
        List<String> offered = grid.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
                .map(e -> e.getText().trim()).toList();
        assertThat(offered).containsExactly("C03-G1 福寿社区第一网格", "C03-G2 福寿社区第二网格", "C03-G3 福寿社区第三网格",
                "C03-G4 福寿社区第四网格");
        browser.centred(grid.findElements(By.cssSelector(".fjs-dropdownlist-item")).get(1)).click();
        browser.waitUntil(d -> grid.findElements(By.cssSelector("input.fjs-input")).stream()
                .anyMatch(e -> "C03-G2 福寿社区第二网格".equals(e.getDomProperty("value"))));
        assertThat(form().getText()).doesNotContain("Select", "Search", "请核对网格");
        browser.screenshotBothSizes("intake-grid", () -> browser.centred(browser.field("所属网格")));
    }

    @Test
    void theEmergencyPlanPicksItsCommandFromTheItemsPeople() {
        Scenario item = new Scenario(engine, intake, jdbc).intake("c06-grid1", Scenario.neighbourDispute("C06"));
        item.complete("Task_Grade", "c06-staff", "riskLevel", "HIGH", "fixableNow", false, "gradeReason", "扬言报复");
        item.complete("Task_Plan", "center1", "responsibleUnit", "community-C06", "responsibleLeader", "c06-leader",
                "investigator", "c06-grid1", "resolver", "c06-staff", "stabiliser", "c06-grid2", "dispatcher", "center1",
                "measures", "组织双方调解。", "resolveBy", "");
        String leader = browser.offered(item.number, "Task_EmergencyPlan", "personOptions", "leader1");
        String police = browser.offered(item.number, "Task_EmergencyPlan", "personOptions", "police1");
        browser.signInAs("center1");
        browser.openTask(item.task("Task_EmergencyPlan").getName().split(" · ")[0] + " · " + item.number);
        browser.tab("表单");
        claimUnlessAssigned();
        browser.pick("指挥部人员", leader);
        browser.pick("指挥部人员", police);
        browser.type("指挥体系说明", "前者任总指挥，后者任现场指挥");
        for (String[] field : new String[][] {{"启动条件", "双方发生肢体冲突"}, {"解除条件", "达成调解协议"},
                {"职责分工", "社区稳控，派出所出警"}, {"处置措施", "现场隔离劝离"}, {"物资保障", "执法记录仪"}}) {
            browser.type(field[0], field[1]);
        }
        assertThat(form().getText()).doesNotContain("Select", "Search", "No results");
        assertThat(englishTitles()).isEmpty();
        browser.screenshotBothSizes("emergency-command", () -> browser.centred(browser.field("指挥部人员")));

        browser.complete();
        assertThat(jdbc.sql("select emergency_plan ->> 'command' from risk_item where number = ?").param(item.number)
                .query(String.class).single()).isEqualTo(leader + "、" + police + "\n前者任总指挥，后者任现场指挥");
    }

    @Test
    void aReadOnlyDeadlineReadsAsADateAndTime() {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C11", "MEDIUM");
        Timestamp resolveBy = jdbc.sql("select resolve_by from risk_item where number = ?").param(item.number)
                .query(Timestamp.class).single();
        var at = resolveBy.toInstant().atZone(Office.ZONE);
        String expected = at.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                ? at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd")) : at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        browser.signInAs("c11-staff");
        browser.openTask("化解处置 · " + item.number);
        browser.tab("表单");
        WebElement shown = readOnly("办结期限");
        browser.waitUntil(d -> expected.equals(shown.getDomProperty("value")));
        // Still so after the form re-renders (a choice elsewhere on the form).
        browser.radio("处置结果", "移交");
        assertThat(readOnly("办结期限").getDomProperty("value")).isEqualTo(expected);
        browser.screenshotBothSizes("resolve-by-shown", () -> browser.centred(readOnly("办结期限")));
    }

    private static WebElement readOnly(String label) {
        return browser.waitFor(By.xpath("//*[contains(@class,'fjs-form-field-label')][normalize-space(text())='" + label
                + "']/ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' fjs-form-field ')][1]//input"));
    }

    /** Titles and aria-labels of the form's elements that are still English (no Chinese in them; "bpmn.io" is a name). */
    private static List<String> englishTitles() {
        return form().findElements(By.cssSelector("[title], [aria-label]")).stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getAttribute("title"), e.getAttribute("aria-label")))
                .filter(t -> t != null && t.matches(".*[A-Za-z]{3,}.*") && !t.matches(".*\\p{IsHan}.*")).toList();
    }

    private static void claimUnlessAssigned() {
        if (!browser.driver().findElements(By.cssSelector("button.claim")).isEmpty()) {
            browser.claim();
        }
    }

    private static WebElement form() {
        return browser.driver().findElement(By.cssSelector(".fjs-form"));
    }
}
