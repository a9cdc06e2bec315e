package casegrid.plan;

import static casegrid.support.Http.refusedFields;
import static casegrid.support.Http.variables;
import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * 指挥体系 of a HIGH item's emergency plan: the people are picked from the item's people (its community,
 * the street's departments, centre and leaders; labelled "姓名（单位）"), their roles written beside them;
 * an API client may still send {@code command} as text alone (CONTRACT.md). The stored plan and the
 * {@code command} variable the approver reads are the picked people's labels and the text.
 */
@CasegridTest
class EmergencyCommandHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    Scenario item;

    @BeforeEach
    void aHighItemOfC06WaitingForItsEmergencyPlan() {
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        item = new Scenario(engine, intake, jdbc).intake("c06-grid1", Scenario.neighbourDispute("C06"));
        item.complete("Task_Grade", "c06-staff", "riskLevel", "HIGH", "fixableNow", false, "gradeReason", "扬言报复");
        item.complete("Task_Plan", "center1", "responsibleUnit", "community-C06", "responsibleLeader", "c06-leader",
                "investigator", "c06-grid1", "resolver", "c06-staff", "stabiliser", "c06-grid2", "dispatcher", "center1",
                "measures", "组织双方调解。", "resolveBy", "");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** The plan as Tasklist submits it: the taglist as a Json array, the other fields as text. */
    static Map<String, Object> plan(List<String> staff, String command) throws Exception {
        Map<String, Object> answers = variables("activationCriteria", "双方发生肢体冲突", "standDownCriteria", "达成调解协议",
                "command", command, "duties", "社区稳控，派出所出警", "emergencyMeasures", "现场隔离劝离", "supplies", "执法记录仪");
        if (staff != null) {
            answers.put("commandStaff", Map.of("value", JSON.writeValueAsString(staff), "type", "Json"));
        }
        return Map.of("variables", answers);
    }

    String storedCommand() {
        return jdbc.sql("select emergency_plan ->> 'command' from risk_item where number = ?").param(item.number)
                .query(String.class).optional().orElse(null);
    }

    @Test
    void theCommandIsPickedFromTheItemsPeopleAndStoredByNameWithTheRolesWritten() throws Exception {
        Http center = new Http(port).as("center1");
        String task = item.task("Task_EmergencyPlan").getId();
        Map<String, String> people = center.offeredOptions(task, "personOptions");
        assertThat(people).containsKeys("leader1", "center1", "c06-leader", "police1")
                .doesNotContainKeys("c05-staff", "admin", "district1");
        assertThat(people.get("leader1")).matches("[^（]+（.+）");

        String submit = "/engine-rest/task/" + task + "/submit-form";
        // Someone not on the item's list, or no one and nothing written: 400 naming the field, nothing written.
        assertThat(refusedFields(center.postJson(submit, plan(List.of("leader1", "c05-staff"), "")))).containsExactly("commandStaff");
        assertThat(refusedFields(center.postJson(submit, plan(List.of(), "")))).containsExactly("command");
        assertThat(storedCommand()).isNull();
        assertThat(item.instance()).isNotNull();
        assertThat(item.task("Task_EmergencyPlan")).isNotNull();

        Http.Response done = center.postJson(submit, plan(List.of("leader1", "police1"), "前者任总指挥，后者任现场指挥"));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        String expected = people.get("leader1") + "、" + people.get("police1") + "\n前者任总指挥，后者任现场指挥";
        assertThat(storedCommand()).isEqualTo(expected);
        assertThat(item.variable("command")).isEqualTo(expected);
    }

    @Test
    void anApiClientStillSendsTheCommandAsTextAlone() throws Exception {
        Http.Response done = new Http(port).as("center1").postJson("/engine-rest/task/" + item.task("Task_EmergencyPlan").getId()
                + "/complete", plan(null, "街道分管领导任总指挥"));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        assertThat(storedCommand()).isEqualTo("街道分管领导任总指挥");
    }
}
