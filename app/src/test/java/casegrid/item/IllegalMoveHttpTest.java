package casegrid.item;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A task whose next step would move the item where its status does not lead: 409, and nothing written. */
@CasegridTest
class IllegalMoveHttpTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @Test
    void gradingAnItemThatIsNoLongerOpenIsAConflictAndLeavesItAsItWas() {
        Scenario item = new Scenario(engine, intake, jdbc).intake("c04-grid1", Scenario.neighbourDispute("C04"));
        // Fixture: the item ended meanwhile (a merge on another path); its grading task is still open.
        jdbc.sql("update risk_item set status = 'MERGED' where number = ?").param(item.number).update();
        String taskId = item.task("Task_Grade").getId();
        Http staff = new Http(port).as("c04-staff");
        assertThat(staff.postJson("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "c04-staff")).status())
                .isEqualTo(204);

        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("riskLevel", Map.of("value", "LOW"));
        variables.put("fixableNow", Map.of("value", false));
        variables.put("gradeReason", Map.of("value", "现场核实"));
        Http.Response response = staff.postJson("/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));

        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("from").asText()).isEqualTo("MERGED");
        assertThat(response.json().get("to").asText()).isEqualTo("PLANNING");
        assertThat(response.json().get("message").asText()).contains("MERGED → PLANNING");
        assertThat(item.task("Task_Grade").getId()).isEqualTo(taskId);
        assertThat(item.item()).containsEntry("status", "MERGED").containsEntry("risk_level", null);
    }
}
