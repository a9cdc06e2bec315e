package casegrid.whistle;

import static casegrid.support.Http.refusedFields;
import static casegrid.support.Http.variables;
import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CalledWork;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 部门报到's 派出人员 is picked from the reporting department's people ("姓名（单位）"), with title and phone
 * beside it; someone not of that department is a 400 naming reportedStaff, and a REST client may still
 * send reportedPerson as text alone (CONTRACT.md).
 */
@CasegridTest
class ReportedStaffHttpTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @Test
    void theDepartmentSendsOneOfItsPeopleAndSaysHowToReachThem() {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C11", "MEDIUM");
        item.complete("Task_Resolve", "c11-staff", "resolutionOutcome", "WHISTLE", "progressNote", "需部门介入",
                "departments", "dept-justice,dept-police");
        CalledWork called = new CalledWork(engine, item);
        Http justice = new Http(port).as("justice1");
        String task = called.taskFor("Task_ReportIn", "justice1").getId();

        Map<String, String> people = justice.offeredOptions(task, "departmentPeopleOptions");
        assertThat(people).containsKey("justice1").doesNotContainKeys("police1", "c11-staff");
        assertThat(people.get("justice1")).endsWith("（司法所）");

        String submit = "/engine-rest/task/" + task + "/submit-form";
        assertThat(refusedFields(justice.postJson(submit, Map.of("variables", variables("reportedStaff", "police1",
                "reportedPerson", "", "opinion", "组织调解"))))).containsExactly("reportedStaff");
        assertThat(refusedFields(justice.postJson(submit, Map.of("variables", variables("reportedPerson", "",
                "opinion", "组织调解"))))).containsExactly("reportedPerson");

        Http.Response done = justice.postJson(submit, Map.of("variables", variables("reportedStaff", "justice1",
                "reportedPerson", "调解员 13800000001", "opinion", "组织人民调解")));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        assertThat(reportedPerson(item, "dept-justice")).isEqualTo(people.get("justice1") + " 调解员 13800000001");

        // A REST client that names the person as text alone, as before.
        Http police = new Http(port).as("police1");
        Http.Response text = police.postJson("/engine-rest/task/" + called.taskFor("Task_ReportIn", "police1").getId()
                + "/complete", Map.of("variables", variables("reportedPerson", "李警官", "opinion", "加强巡逻")));
        assertThat(text.status()).as(text.body()).isEqualTo(204);
        assertThat(reportedPerson(item, "dept-police")).isEqualTo("李警官");
    }

    String reportedPerson(Scenario item, String department) {
        return jdbc.sql("select reported_person from report_in where number = ? and department = ?")
                .params(item.number, department).query(String.class).single();
    }
}
