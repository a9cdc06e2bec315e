package casegrid.grading;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import java.sql.Timestamp;
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

    Scenario planned(String community, String level) {
        return new Scenario(engine, intake, jdbc).planned(community, level);
    }

    Http.Response regrade(String user, String number, Object level, String reason) {
        return new Http(port).as(user).postJson("/api/risk-items/" + number + "/grade",
                level == null ? Map.of("reason", reason) : Map.of("riskLevel", level, "reason", reason));
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
