package casegrid.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CalledWork;
import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Scenario;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The forms that used to take a name typed by hand, in Tasklist: 化解处置's 移交至 is a select of the
 * transfer bodies (reference data, district bodies), 会议纪要's 参会人员 a tag list of the meeting's people
 * labelled "姓名（单位）" with a text box for the others, 部门报到's 派出人员 a select of the department's
 * people; what is picked is what the item, the meeting and the report-in keep.
 */
@CasegridTest
class TransferAndAttendeesBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @Test
    void theResolverTransfersToABodyPickedFromTheList() {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C10", "MEDIUM");
        browser.signInAs("c10-staff");
        browser.openTask("化解处置 · " + item.number);
        browser.tab("表单");
        claimUnlessAssigned();

        browser.radio("处置结果", "移交");
        browser.select("移交至", browser.offered(item.number, "Task_Resolve", "transferBodyOptions", "DISTRICT_PETITIONS"));
        browser.type("进展情况", "涉及多个部门职责，移交区信访办统筹。");
        assertThat(form().getText()).doesNotContain("Select", "Search", "No results");
        browser.screenshotBothSizes("transfer-to", () -> browser.centred(browser.field("移交至")));

        browser.complete();
        browser.waitUntil(d -> "TRANSFERRED".equals(item.status()));
        assertThat(item.item()).containsEntry("transferred_to", "DISTRICT_PETITIONS");
    }

    @Test
    void theMinutesPickTheMeetingsPeopleAndNameTheOthers() {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C10", "MEDIUM");
        CalledWork called = new CalledWork(engine, item);
        item.complete("Task_Resolve", "c10-staff", "resolutionOutcome", "ESCALATE", "progressNote", "多次调解未果");
        called.complete("Task_ConveneMeeting", "c10-staff", "meetingAt", "2026-12-10T14:00", "place", "社区会议室",
                "invitedDepartments", "dept-justice");
        String leader = browser.offered(item.number, "Task_RecordMinutes", "attendeeOptions", "c10-leader");
        String justice = browser.offered(item.number, "Task_RecordMinutes", "attendeeOptions", "justice1");

        browser.signInAs("c10-staff");
        browser.openTask("记录会议纪要 · " + item.number);
        browser.tab("表单");
        claimUnlessAssigned();
        // The radio first: clicked right after typing in a text area, form-js's re-render on blur swallowed it.
        browser.radio("会议结果", "已化解，回到化解处置申请销号");
        browser.pick("参会人员", leader);
        browser.pick("参会人员", justice);
        browser.type("其他参会人员", "居民代表2名");
        browser.type("议定事项", "由司法所牵头再次调解");
        assertThat(form().getText()).doesNotContain("Select", "Search", "No results", "Add new").contains("添加一项");
        browser.screenshotBothSizes("minutes-attendees", () -> browser.centred(browser.field("参会人员")));

        browser.complete();
        browser.waitUntil(d -> engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_RecordMinutes").count() == 0);
        assertThat(jdbc.sql("select a.name from meeting_attendee a join meeting m on m.id = a.meeting_id where m.number = ?"
                + " order by a.id").param(item.number).query(String.class).list()).containsExactly(leader, justice, "居民代表2名");
    }

    @Test
    void theDepartmentReportsInWithOneOfItsPeople() {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C10", "MEDIUM");
        item.complete("Task_Resolve", "c10-staff", "resolutionOutcome", "WHISTLE", "progressNote", "需司法所介入",
                "departments", "dept-justice");
        String sent = browser.offered(item.number, "Task_ReportIn", "departmentPeopleOptions", "justice1");
        browser.signInAs("justice1");
        browser.openTask("部门报到 · " + item.number);
        browser.tab("表单");
        claimUnlessAssigned();
        browser.select("派出人员", sent);
        browser.type("派出人员说明", "调解员 13800000001");
        browser.type("处置意见", "组织人民调解");
        assertThat(form().getText()).doesNotContain("Select", "Search", "No results");
        browser.screenshotBothSizes("report-in-person", () -> browser.centred(browser.field("派出人员")));

        browser.complete();
        browser.waitUntil(d -> jdbc.sql("select count(*) from report_in where number = ? and reported_at is not null")
                .param(item.number).query(Integer.class).single() == 1);
        assertThat(jdbc.sql("select reported_person from report_in where number = ?").param(item.number).query(String.class)
                .single()).isEqualTo(sent + " 调解员 13800000001");
    }

    @Test
    void theAdministratorKeepsTheTransferBodiesAndPicksASubcategorysCategoryByName() {
        browser.signInAs("admin");
        browser.open("/admin/reference");
        browser.waitUntil(d -> d.findElement(By.id("kinds")).getText().contains("移交单位"));
        WebElement bodies = browser.driver().findElements(By.cssSelector("#kinds section")).stream()
                .filter(s -> s.findElement(By.tagName("h2")).getText().startsWith("移交单位")).findFirst().orElseThrow();
        assertThat(bodies.findElement(By.cssSelector("input[data-name='TRANSFER_BODY/DISTRICT_PETITIONS']")).getAttribute("value"))
                .isEqualTo("区信访办");
        assertThat(bodies.getText()).contains("DISTRICT_COURT", "OTHER_STREET");
        // A subcategory names its category by name: listed so, and picked from a list when one is added.
        WebElement subcategories = browser.driver().findElements(By.cssSelector("#kinds section")).stream()
                .filter(s -> s.findElement(By.tagName("h2")).getText().startsWith("细类")).findFirst().orElseThrow();
        assertThat(subcategories.getText()).contains("社会矛盾纠纷");
        assertThat(subcategories.findElements(By.cssSelector("select[name='parentCode'] option")).stream()
                .map(WebElement::getText).toList()).contains("社会矛盾纠纷", "公共安全");
        browser.screenshotBothSizes("reference-transfer-bodies", () -> browser.js("arguments[0].scrollIntoView({block: 'start'})", bodies));
    }

    /** The plan makes c10-staff the resolver, and the convener keeps the minutes: such a task is already theirs. */
    private static void claimUnlessAssigned() {
        if (!browser.driver().findElements(By.cssSelector("button.claim")).isEmpty()) {
            browser.claim();
        }
    }

    private static WebElement form() {
        return browser.driver().findElement(By.cssSelector(".fjs-form"));
    }
}
