package casegrid.security;

import static casegrid.support.Http.refusedFields;
import static casegrid.support.Http.variables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Holes 3, 4, 5 and 12 of issue 9 through the engine REST: the app owns an item's number,
 * community, reporter and deadlines, a task takes exactly its form's fields, and bad input is a
 * 400 problem+json naming the field (never a 500), with nothing written.
 */
@CasegridTest
class ClientInputHttpTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void monday() {
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static Map<String, Object> body(Map<String, Object> variables) {
        return Map.of("variables", variables);
    }

    Scenario itemIn(String community) {
        return new Scenario(engine, intake, jdbc).intake(community.toLowerCase() + "-grid1", Scenario.neighbourDispute(community));
    }

    String taskId(Scenario item, String taskKey) {
        return item.task(taskKey).getId();
    }

    Map<String, Object> intakeForm(String community, String grid) {
        return variables("title", "来访反映欠薪", "description", "某工地拖欠工资三个月", "category", "GROUP_CLAIM",
                "source", "WALK_IN", "community", community, "grid", grid, "address", "福瑞路" + System.nanoTime() + "号",
                "peopleInvolved", 12, "partyName", "刘" + System.nanoTime(), "partyPhone", "13700000000");
    }

    @Test
    void aStartNamingAnotherCommunitysItemIsRefusedAndThatItemIsUntouched() {
        Scenario c03 = itemIn("C03");
        Http c07 = new Http(port).as("c07-staff");

        Http.Response hijack = c07.postJson("/engine-rest/process-definition/key/riskItem/start", Map.of(
                "businessKey", c03.number, "variables", variables("number", c03.number, "community", "C07")));
        assertThat(refusedFields(hijack)).contains("businessKey", "number");
        assertThat(refusedFields(c07.postJson("/engine-rest/process-definition/key/riskItem/start",
                body(variables("number", c03.number))))).containsExactly("number");
        // Nor past the intake, straight into C03's grading.
        assertThat(refusedFields(c07.postJson("/engine-rest/process-definition/key/riskItem/start", Map.of(
                "variables", variables("community", "C03"),
                "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_Grade"))))))
                .containsExactly("startInstructions");

        assertThat(c03.item()).containsEntry("process_instance_id", c03.processInstanceId)
                .containsEntry("community", "C03").containsEntry("status", "GRADING");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(c03.number).count())
                .isEqualTo(1);
        assertThat(engine.getTaskService().getIdentityLinksForTask(taskId(c03, "Task_Grade")))
                .anyMatch(link -> "community-C03-staff".equals(link.getGroupId()))
                .noneMatch(link -> link.getGroupId() != null && link.getGroupId().startsWith("community-C07"));
    }

    @Test
    void evenPastTheGuardAnItemIsBoundOnlyToTheInstanceItsIntakeStarted() {
        Scenario c03 = itemIn("C03");
        assertThatThrownBy(() -> AppStart.run(c03.number, () -> engine.getRuntimeService()
                .createProcessInstanceByKey("riskItem").businessKey(c03.number).execute()))
                .hasMessageContaining("businessKey");
        assertThat(c03.item()).containsEntry("process_instance_id", c03.processInstanceId);
    }

    @Test
    void aGradingAnswerNamingAnotherItemIsRefusedAndEachItemKeepsItsOwnProcess() {
        Scenario c03 = itemIn("C03");
        Scenario c07 = itemIn("C07");
        Http staff = new Http(port).as("c03-staff");
        String grade = "/engine-rest/task/" + taskId(c03, "Task_Grade") + "/complete";

        assertThat(refusedFields(staff.postJson(grade, body(variables("riskLevel", "HIGH", "fixableNow", false,
                "gradeReason", "现场核实", "number", c07.number))))).containsExactly("number");
        assertThat(c07.item()).containsEntry("risk_level", null).containsEntry("status", "GRADING");

        assertThat(staff.postJson(grade, body(variables("riskLevel", "LOW", "fixableNow", true))).status()).isEqualTo(204);
        assertThat(c03.item()).containsEntry("risk_level", "LOW").containsEntry("graded_by", "c03-staff");
        assertThat(c07.item()).containsEntry("risk_level", null).containsEntry("graded_by", null);
        // Later steps of the first item still write to the first item.
        c03.complete("Task_RectifyNow", "c03-staff", "rectificationNote", "已清理");
        assertThat(c03.eventKinds()).contains("RECTIFIED");
        assertThat(c07.eventKinds()).containsExactly("REGISTERED");
    }

    @Test
    void aStartFormRegistersTheCallerAsReporterAndNoOneElse() {
        String submit = "/engine-rest/process-definition/key/riskItem/submit-form";
        Map<String, Object> forged = intakeForm("C03", "C03-G1");
        forged.putAll(variables("initiator", "c03-grid1"));
        assertThat(refusedFields(new Http(port).as("c07-staff").postJson(submit, body(forged)))).containsExactly("initiator");
        assertThat(new Http(port).as("c07-staff").postJson(submit, body(intakeForm("C03", "C03-G1"))).status())
                .as("outside c07-staff's area").isEqualTo(403);

        // Tasklist's start dialog sends an empty business key when none is typed: that is no business key.
        Http.Response walkIn = new Http(port).as("c03-grid1").postJson(submit,
                Map.of("businessKey", "", "variables", intakeForm("C03", "C03-G1")));
        assertThat(walkIn.status()).as(walkIn.body()).isEqualTo(200);
        String number = walkIn.json().path("businessKey").asText();
        assertThat(jdbc.sql("select reported_by || ' ' || community from risk_item where number = ?").param(number)
                .query(String.class).single()).isEqualTo("c03-grid1 C03");

        Map<String, Object> strict = intakeForm("C03", "C03-G1");
        strict.putAll(variables("peopleInvolved", 2.7, "threatOfViolence", "notabool", "occurredAt", "2026-02-30T25:00"));
        assertThat(refusedFields(new Http(port).as("c03-grid1").postJson(submit, body(strict))))
                .containsExactlyInAnyOrder("peopleInvolved", "threatOfViolence", "occurredAt");
    }

    @Test
    void noOneWritesAnAppOwnedVariableDirectlyNotEvenTheAdministrator() {
        Scenario c03 = itemIn("C03");
        Http admin = new Http(port).as("admin");
        String instance = "/engine-rest/process-instance/" + c03.processInstanceId + "/variables";
        assertThat(refusedFields(admin.putJson(instance + "/community", Map.of("value", "C07", "type", "String"))))
                .containsExactly("community");
        assertThat(refusedFields(admin.postJson(instance, Map.of("modifications", variables("resolveBy", "2030-01-01"),
                "deletions", List.of("number"))))).containsExactlyInAnyOrder("resolveBy", "number");
        assertThat(refusedFields(admin.putJson("/engine-rest/task/" + taskId(c03, "Task_Grade") + "/variables/riskLevel",
                Map.of("value", "LOW")))).containsExactly("riskLevel");
        assertThat(engine.getRuntimeService().getVariable(c03.processInstanceId, "community")).isEqualTo("C03");
        assertThat(admin.putJson(instance + "/adminNote", Map.of("value", "ok", "type", "String")).status()).isEqualTo(204);
    }

    @Test
    void tasklistsOwnEngineApiRefusesAnUndeclaredFieldTheSameWay() {
        // c09-staff: SecurityHttpTest locks c05-staff with a wrong password, and under this class's engine
        // clock (a date in the past) that lock would not have expired yet.
        Scenario item = itemIn("C09");
        Http browser = new Http(port);
        browser.get("/camunda/app/tasklist/default/");
        Http.Response login = browser.header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")).postForm(
                "/camunda/api/admin/auth/user/default/login/tasklist", Map.of("username", "c09-staff", "password", "c09-staff"));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        // Login renews the session; its token comes with the next page (or stays in the cookie).
        String token = browser.get("/camunda/app/tasklist/default/").header("X-XSRF-TOKEN");
        token = token != null ? token : browser.cookie("XSRF-TOKEN");
        String submit = "/camunda/api/engine/engine/default/task/" + taskId(item, "Task_Grade") + "/submit-form";

        Http.Response refused = browser.header("X-XSRF-TOKEN", token)
                .postJson(submit, body(variables("riskLevel", "LOW", "fixableNow", true, "community", "C07")));
        assertThat(refusedFields(refused)).containsExactly("community");
        assertThat(refused.json().path("message").asText()).contains("community");
        assertThat(item.task("Task_Grade")).isNotNull();
        assertThat(browser.postJson(submit, body(variables("riskLevel", "LOW", "fixableNow", true))).status()).isEqualTo(204);
        assertThat(item.item()).containsEntry("community", "C09").containsEntry("risk_level", "LOW");
    }

    @Test
    void badAnswersAreA400NamingTheFieldAndTheTaskStaysOpen() {
        Scenario item = itemIn("C03");
        Http staff = new Http(port).as("c03-staff");
        String grade = "/engine-rest/task/" + taskId(item, "Task_Grade") + "/complete";
        String submitGrade = "/engine-rest/task/" + taskId(item, "Task_Grade") + "/submit-form";

        // Checked by the task's handler inside the engine (ENGINE-03051 in a RestException, formerly a 500).
        assertThat(refusedFields(staff.postJson(grade, body(variables("fixableNow", false))))).containsExactly("riskLevel");
        assertThat(refusedFields(staff.postJson(submitGrade, body(variables("riskLevel", "LOW", "fixableNow", "notabool")))))
                .containsExactly("fixableNow");
        // Checked before the engine runs anything.
        assertThat(refusedFields(staff.postJson(grade, body(variables("riskLevel", "HIGH", "gradeReason", "长".repeat(5000))))))
                .containsExactly("gradeReason");
        assertThat(refusedFields(staff.postJson(submitGrade, body(variables("riskLevel", "HIGH", "gradeReason", "a\u0000b")))))
                .containsExactly("gradeReason");
        JsonNode problem = staff.postJson(grade, body(variables("riskLevel", "HIGH", "gradeReason", "a\u0000b"))).json();
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("message").asText()).contains("gradeReason");
        assertThat(item.task("Task_Grade")).isNotNull();
        assertThat(item.status()).isEqualTo("GRADING");

        assertThat(staff.postJson(grade, body(variables("riskLevel", "LOW", "fixableNow", "false"))).status()).isEqualTo(204);
        String plan = "/engine-rest/task/" + taskId(item, "Task_Plan") + "/complete";
        Map<String, Object> answers = variables("responsibleUnit", "community-C03", "responsibleLeader", "c03-leader",
                "investigator", "c03-grid1", "resolver", "c03-staff", "stabiliser", "c03-grid2", "dispatcher", "center1",
                "measures", "组织双方调解。", "resolveBy", "2026-13-45");
        assertThat(refusedFields(staff.postJson(plan, body(answers)))).containsExactly("resolveBy");
        assertThat(item.task("Task_Plan")).isNotNull();
    }
}
