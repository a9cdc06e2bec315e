package casegrid.plan;

import static casegrid.support.Http.refusedFields;
import static casegrid.support.Http.variables;
import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The planner picks duty holders and the unit from lists the app puts on the task (valuesKey),
 * limited to the item's community, and cannot name anyone else, through Tasklist or the REST API.
 */
@CasegridTest
class PlanOptionsHttpTest {

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

    Scenario gradedIn(String community, String level) {
        String c = community.toLowerCase();
        return new Scenario(engine, intake, jdbc).intake(c + "-grid1", Scenario.neighbourDispute(community))
                .complete("Task_Grade", c + "-staff", "riskLevel", level, "fixableNow", false, "gradeReason", "现场核实");
    }

    @Test
    void aMediumItemOffersItsCommunitysPeopleTheDepartmentsAndTheCenterButNoOtherCommunity() throws Exception {
        Scenario item = gradedIn("C03", "MEDIUM");
        Http staff = new Http(port).as("c03-staff");
        String task = item.task("Task_Plan").getId();

        Map<String, String> people = staff.offeredOptions(task, "personOptions");
        assertThat(people).containsKeys("c03-staff", "c03-leader", "c03-grid1", "c03-grid2", "justice1", "center1")
                .doesNotContainKeys("c05-staff", "c04-grid1", "leader1", "admin");
        assertThat(people.get("c03-staff")).matches(".+（福寿社区）");
        assertThat(people.get("justice1")).endsWith("（司法所）");
        assertThat(staff.offeredOptions(task, "leaderOptions")).containsOnlyKeys("c03-leader");
        assertThat(staff.offeredOptions(task, "unitOptions")).containsKeys("community-C03", "dept-justice", "street-center")
                .doesNotContainKeys("community-C05", "community-C03-leaders");
    }

    @Test
    void aHighItemAlsoOffersTheStreetLeaders() throws Exception {
        Scenario item = gradedIn("C03", "HIGH");
        Http center = new Http(port).as("center1");
        String task = item.task("Task_Plan").getId();

        assertThat(center.offeredOptions(task, "personOptions")).containsKeys("c03-staff", "center1", "leader1")
                .doesNotContainKeys("c05-staff");
        assertThat(center.offeredOptions(task, "leaderOptions")).containsKeys("c03-leader", "leader1");
    }

    @Test
    void anAnswerOutsideTheOptionsIsA400NamingTheFieldAndTheOptionsCannotBeRewritten() {
        Scenario item = gradedIn("C03", "MEDIUM");
        Http staff = new Http(port).as("c03-staff");
        String task = item.task("Task_Plan").getId();
        Map<String, Object> answers = variables("responsibleUnit", "community-C05", "responsibleLeader", "c03-staff",
                "investigator", "c05-grid1", "resolver", "c03-staff", "stabiliser", "c03-grid2", "dispatcher", "center1",
                "measures", "组织双方调解。", "resolveBy", "");

        assertThat(refusedFields(staff.postJson("/engine-rest/task/" + task + "/submit-form", Map.of("variables", answers))))
                .containsExactlyInAnyOrder("responsibleUnit", "responsibleLeader", "investigator");
        assertThat(item.task("Task_Plan")).isNotNull();
        assertThat(item.status()).isEqualTo("PLANNING");

        // Nor can the client widen the list: the options are the app's, never a field of the form.
        Map<String, Object> widened = new HashMap<>(answers);
        widened.putAll(variables("personOptions", "[{\"label\":\"外人\",\"value\":\"c05-grid1\"}]"));
        assertThat(refusedFields(staff.postJson("/engine-rest/task/" + task + "/complete", Map.of("variables", widened))))
                .contains("personOptions");
        assertThat(refusedFields(staff.putJson("/engine-rest/task/" + task + "/localVariables/personOptions",
                Map.of("value", "[]", "type", "Json")))).containsExactly("personOptions");

        answers.putAll(variables("responsibleUnit", "community-C03", "responsibleLeader", "c03-leader", "investigator", "c03-grid1"));
        assertThat(staff.postJson("/engine-rest/task/" + task + "/submit-form", Map.of("variables", answers)).status())
                .isEqualTo(204);
        assertThat(item.item()).containsEntry("responsible_unit", "community-C03");
    }
}
