package casegrid.grading;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import casegrid.support.SecondStreet;
import casegrid.tasklist.TasklistFilters;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Re-grading after grading over HTTP: raising at once, lowering a HIGH only with a street leader's approval. */
@CasegridTest
class RegradeHttpTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired casegrid.org.OrgImport orgImport;
    @Autowired TasklistFilters filters;

    Scenario planned(String community, String level) {
        return new Scenario(engine, intake, jdbc).planned(community, level);
    }

    Http.Response regrade(String user, String number, Object level, String reason) {
        return new Http(port).as(user).postJson("/api/risk-items/" + number + "/grade",
                level == null ? Map.of("reason", reason) : Map.of("riskLevel", level, "reason", reason));
    }

    Http.Response approval(String user, String number, Map<String, Object> decision) {
        return new Http(port).as(user).postJson("/api/risk-items/" + number + "/grade/approval", decision);
    }

    /** The task keys the user sees on the item through Tasklist's REST API (the engine's task authorizations). */
    List<String> tasks(String user, String number) {
        Http.Response r = new Http(port).as(user).get("/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + number);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        r.json().forEach(task -> keys.add(task.path("taskDefinitionKey").asText()));
        return keys;
    }

    Map<String, Object> event(String number, String kind) {
        return jdbc.sql("select actor, summary from risk_item_event where number = ? and kind = ? order by id desc limit 1")
                .params(number, kind).query().singleRow();
    }

    /** What the engine waits on for the item's deadlines: the resolve-by timer and 化解处置's due date. */
    void assertTheProcessFollowsTheStoredResolveBy(Scenario item) {
        Date resolveBy = new Date(((Timestamp) item.item().get("resolve_by")).getTime());
        assertThat(item.variable("resolveBy")).isEqualTo(resolveBy);
        assertThat(item.timer("Timer_ResolveByPassed").getDuedate()).isEqualTo(resolveBy);
        Date weekly = new Date(((Timestamp) item.item().get("weekly_update_due")).getTime());
        assertThat(item.task("Task_Resolve").getDueDate()).isEqualTo(weekly.before(resolveBy) ? weekly : resolveBy);
    }

    @Test
    void raisingTakesEffectAtOnceWithTheTimelineAndTheLevelsDeadline() {
        Scenario item = planned("C12", "LOW");
        Timestamp lowResolveBy = (Timestamp) item.item().get("resolve_by");

        Http.Response raised = regrade("c12-staff", item.number, "HIGH", "当事人扬言报复");

        assertThat(raised.status()).isEqualTo(200);
        assertThat(raised.json().path("riskLevel").asText()).isEqualTo("HIGH");
        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");
        assertThat(item.variable("riskLevel")).isEqualTo("HIGH");
        assertThat((Timestamp) item.item().get("resolve_by")).isBefore(lowResolveBy);
        assertThat(item.variable("resolveBy")).isEqualTo(new java.util.Date(((Timestamp) item.item().get("resolve_by")).getTime()));
        Map<String, Object> event = jdbc.sql("select actor, summary from risk_item_event where number = ? and kind = 'REGRADED'")
                .param(item.number).query().singleRow();
        assertThat(event.get("actor")).isEqualTo("c12-staff");
        assertThat(event.get("summary").toString()).contains("由低调整为高", "办结期限随之调整", "当事人扬言报复");
        assertTheProcessFollowsTheStoredResolveBy(item);
        assertThat(item.task("Task_Resolve").getPriority()).isEqualTo(90);
        // Raised in resolution with no approved emergency plan: the street center draws one up.
        assertThat(tasks("center1", item.number)).contains("Task_RegradeEmergencyPlan");
        assertThat(event.get("summary").toString()).contains("须补编");
    }

    @Test
    void loweringAHighWaitsForAStreetLeaderAndARefusalKeepsItHigh() {
        Scenario item = planned("C13", "HIGH");

        Http.Response requested = regrade("c13-staff", item.number, "MEDIUM", "双方已达成初步和解");
        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.json().path("pending").asBoolean()).isTrue();
        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");

        Http leader = new Http(port).as("leader1");
        assertThat(new Http(port).as("c13-staff").postJson("/api/risk-items/" + item.number + "/grade/approval",
                Map.of("approved", true)).status()).isEqualTo(403);
        Http.Response refused = leader.postJson("/api/risk-items/" + item.number + "/grade/approval",
                Map.of("approved", false, "note", "仍需观察"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");
        assertThat(item.eventKinds()).contains("REGRADE_REQUESTED", "REGRADE_REJECTED").doesNotContain("REGRADED");
        assertThat(leader.postJson("/api/risk-items/" + item.number + "/grade/approval", Map.of("approved", true))
                .status()).isEqualTo(409);

        assertThat(regrade("center1", item.number, "MEDIUM", "调解协议已签署").status()).isEqualTo(202);
        Http.Response approved = leader.postJson("/api/risk-items/" + item.number + "/grade/approval",
                Map.of("approved", true, "note", "同意"));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(item.item().get("risk_level")).isEqualTo("MEDIUM");
        assertThat(item.variable("riskLevel")).isEqualTo("MEDIUM");
        assertThat(item.eventKinds()).contains("REGRADE_APPROVED", "REGRADED");
        assertThat(item.item().get("regrade_level")).isNull();
    }

    @Test
    void aSecondLoweringWhilePendingIsAConflictAndTheApprovalFollowsTheMediumDeadline() {
        Scenario item = planned("C11", "HIGH");
        Timestamp highResolveBy = (Timestamp) item.item().get("resolve_by");

        assertThat(regrade("c11-staff", item.number, "MEDIUM", "已签调解协议").status()).isEqualTo(202);
        Http.Response second = regrade("center1", item.number, "LOW", "已签调解协议并履行");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.header("Content-Type")).contains("application/problem+json");
        // What the 卷宗 tab asks: the pending request for every reader, the action only for those allowed.
        JsonNode staffView = new Http(port).as("c11-staff").get("/api/risk-items/" + item.number + "/grade").json();
        assertThat(staffView.path("pending").path("requestedBy").asText()).isEqualTo("c11-staff");
        assertThat(staffView.path("mayRegrade").asBoolean()).isTrue();
        assertThat(staffView.path("mayDecide").asBoolean()).isFalse();
        JsonNode leaderView = new Http(port).as("leader1").get("/api/risk-items/" + item.number + "/grade").json();
        assertThat(leaderView.path("mayRegrade").asBoolean()).isFalse();
        assertThat(leaderView.path("mayDecide").asBoolean()).isTrue();
        assertThat(new Http(port).as("c12-staff").get("/api/risk-items/" + item.number + "/grade").status()).isEqualTo(403);
        Http.Response unexplained = approval("leader1", item.number, Map.of("approved", false));
        assertThat(unexplained.status()).isEqualTo(400);
        assertThat(unexplained.body()).contains("note");

        assertThat(approval("leader2", item.number, Map.of("approved", true, "note", "同意")).status()).isEqualTo(200);

        assertThat(item.item().get("risk_level")).isEqualTo("MEDIUM");
        assertThat((Timestamp) item.item().get("resolve_by")).isAfter(highResolveBy);
        assertTheProcessFollowsTheStoredResolveBy(item);
        // The REST approval completed the leader's task: no 审批降级 left in anyone's Tasklist.
        assertThat(tasks("leader1", item.number)).doesNotContain("Task_ApproveRegrade");
        Map<String, Object> approved = event(item.number, "REGRADE_APPROVED");
        assertThat(approved.get("actor")).isEqualTo("leader2");
        assertThat(approved.get("summary").toString()).contains("c11-staff", "同意");
        Map<String, Object> regraded = event(item.number, "REGRADED");
        assertThat(regraded.get("actor")).isEqualTo("c11-staff");
        assertThat(regraded.get("summary").toString()).contains("由高调整为中", "leader2 审批同意", "已签调解协议");
    }

    @Test
    void theLoweringTaskIsForTheItemsOwnStreetsLeadersAndAnotherStreetsLeaderIsRefused() {
        SecondStreet.ensure(orgImport, filters);
        Scenario item = new Scenario(engine, intake, jdbc).intake("c16-grid1", Scenario.neighbourDispute(SecondStreet.COMMUNITY));
        item.complete("Task_Grade", "c16-staff", "riskLevel", "LOW", "fixableNow", false, "gradeReason", "现场核实后调整");
        item.complete("Task_Plan", "c16-staff", "responsibleUnit", "community-C16", "responsibleLeader", "c16-leader",
                "investigator", "c16-grid1", "resolver", "c16-staff", "stabiliser", "c16-grid2", "dispatcher", "hx-center1",
                "measures", "组织双方调解。", "resolveBy", "");
        assertThat(regrade("c16-staff", item.number, "HIGH", "当事人扬言报复").status()).isEqualTo(200);
        assertThat(tasks("hx-center1", item.number)).contains("Task_RegradeEmergencyPlan");
        assertThat(tasks("center1", item.number)).isEmpty();

        assertThat(regrade("c16-staff", item.number, "MEDIUM", "经核实系误报").status()).isEqualTo(202);

        assertThat(tasks("hx-leader1", item.number)).contains("Task_ApproveRegrade");
        assertThat(tasks("leader1", item.number)).isEmpty();
        assertThat(approval("leader1", item.number, Map.of("approved", true)).status()).isEqualTo(403);
        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");

        assertThat(approval("hx-leader1", item.number, Map.of("approved", true)).status()).isEqualTo(200);
        assertThat(item.item().get("risk_level")).isEqualTo("MEDIUM");
        // Lowered while its emergency plan was still to be drawn up: that work ends, and the timeline says so.
        assertThat(tasks("hx-center1", item.number)).doesNotContain("Task_RegradeEmergencyPlan", "Task_ApproveRegrade");
        assertThat(event(item.number, "EMERGENCY_PLAN_WITHDRAWN").get("actor")).isEqualTo("hx-leader1");
    }

    @Test
    void onlyTheCommunitysStaffAndTheCenterMayRegradeWithAValidLevelAndReason() {
        Scenario item = planned("C14", "LOW");

        assertThat(regrade("c14-grid1", item.number, "HIGH", "理由").status()).isEqualTo(403);
        assertThat(regrade("c15-staff", item.number, "HIGH", "理由").status()).isEqualTo(403);

        Http.Response badLevel = regrade("c14-staff", item.number, "URGENT", "理由");
        assertThat(badLevel.status()).isEqualTo(400);
        assertThat(badLevel.header("Content-Type")).contains("application/problem+json");
        assertThat(badLevel.body()).contains("riskLevel");
        Http.Response noReason = regrade("c14-staff", item.number, "HIGH", " ");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(item.item().get("risk_level")).isEqualTo("LOW");

        Scenario ungraded = new Scenario(engine, intake, jdbc).intake("c14-grid1", Scenario.neighbourDispute("C14"));
        assertThat(regrade("c14-staff", ungraded.number, "HIGH", "理由").status()).isEqualTo(409);
    }
}
