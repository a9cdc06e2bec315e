package casegrid.whistle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CalledWork;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import casegrid.web.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of the whistle (网格吹哨、部门报到), called from Task_Resolve. */
@CasegridTest
class WhistleProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;
    Scenario item;
    CalledWork called;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        item = new Scenario(engine, intake, jdbc);
        called = new CalledWork(engine, item);
        item.planned("C05", "MEDIUM");
        item.complete("Task_Feedback", "c05-staff", "feedbackNote", "已核实");
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    void whistle(Object departments) {
        item.complete("Task_Resolve", "c05-staff", "resolutionOutcome", "WHISTLE", "progressNote", "社区调解未果，需部门介入",
                "departments", departments);
    }

    static Object jsonList(String... codes) {
        return SpinValues.jsonValue("[\"" + String.join("\",\"", codes) + "\"]").create();
    }

    List<Map<String, Object>> reportIns() {
        return jdbc.sql("select * from report_in where number = ? order by id").param(item.number).query().listOfRows();
    }

    List<String> eventsOf(String kind) {
        return jdbc.sql("select unit from risk_item_event where number = ? and kind = ? order by id").params(item.number, kind)
                .query(String.class).list();
    }

    @Test
    void oneDepartmentReportsInIsRatedAndResolutionGoesOn() {
        whistle("dept-justice");
        assertThat(item.instance()).isWaitingAt("CallActivity_Whistle");
        assertThat(item.status()).isEqualTo("WHISTLE");
        called.complete("Task_ReportIn", "justice1", "reportedPerson", "王调解员 13800000001", "opinion", "组织人民调解");
        assertThat(reportIns()).singleElement().satisfies(r -> {
            assertThat(r.get("reported_person")).isEqualTo("王调解员 13800000001");
            assertThat(r.get("reported_at")).isNotNull();
        });
        assertThat(eventsOf("REPORTED_IN")).containsExactly("dept-justice");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_JointHandling").singleResult().getName()).startsWith("联合处置 · " + item.number);
        called.complete("Task_JointHandling", "c05-staff", "jointAction", "司法所与社区联合调解，双方达成协议",
                "ratings", "[{\"departmentName\":\"司法所\",\"timeliness\":5,\"effectiveness\":4}]");
        assertThat(jdbc.sql("select department, timeliness, effectiveness from report_in_rating where number = ?")
                .param(item.number).query().singleRow())
                .containsEntry("department", "dept-justice").containsEntry("timeliness", 5).containsEntry("effectiveness", 4);
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
        assertThat(item.status()).isEqualTo("RESOLVING");
        assertThat(called.running("whistle")).isFalse();
    }

    @Test
    void severalDepartmentsReportInParallelAndEachIsRated() {
        whistle(jsonList("dept-justice", "dept-police"));
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_ReportIn").count()).isEqualTo(2);
        called.complete("Task_ReportIn", "police1", "reportedPerson", "李警官", "opinion", "加强巡逻");
        // The police's answers must not show up in the justice office's form.
        String justiceTask = called.taskFor("Task_ReportIn", "justice1").getId();
        assertThat(engine.getTaskService().getVariables(justiceTask)).doesNotContainKeys("reportedPerson", "opinion");
        assertThat(engine.getTaskService().getVariable(justiceTask, "departmentName")).isEqualTo("司法所");
        called.complete("Task_ReportIn", "justice1", "reportedPerson", "王调解员", "opinion", "组织调解");
        assertThat(eventsOf("REPORTED_IN")).containsExactlyInAnyOrder("dept-justice", "dept-police");
        // Each department needs both ratings.
        assertThatThrownBy(() -> called.complete("Task_JointHandling", "c05-staff", "jointAction", "联合处置",
                "ratings", "[{\"timeliness\":5,\"effectiveness\":4}]"))
                .hasRootCauseInstanceOf(InvalidRequestException.class).hasMessageContaining("ratings");
        // A score is a whole number: 2.7 is refused, not rounded down.
        assertThatThrownBy(() -> called.complete("Task_JointHandling", "c05-staff", "jointAction", "联合处置",
                "ratings", "[{\"timeliness\":5,\"effectiveness\":4},{\"timeliness\":2.7,\"effectiveness\":2}]"))
                .hasRootCauseInstanceOf(InvalidRequestException.class).hasMessageContaining("ratings");
        called.complete("Task_JointHandling", "c05-staff", "jointAction", "联合处置",
                "ratings", SpinValues.jsonValue("[{\"timeliness\":5,\"effectiveness\":4},{\"timeliness\":3,\"effectiveness\":2}]").create());
        assertThat(jdbc.sql("select department || ':' || timeliness || effectiveness from report_in_rating where number = ? order by id")
                .param(item.number).query(String.class).list()).containsExactly("dept-justice:54", "dept-police:32");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
    }

    @Test
    void aLateReportInClimbsTheSupervisionLadderAgainstEachLateDepartment() {
        whistle("dept-justice,dept-police");
        called.fireAll("whistle", "Timer_ReportInMissed");
        assertThat(eventsOf("REPORT_IN_MISSED")).containsExactlyInAnyOrder("dept-justice", "dept-police");
        assertThat(jdbc.sql("select unit from supervision_record where number = ? and deadline = 'report-in'")
                .param(item.number).query(String.class).list()).containsExactlyInAnyOrder("dept-justice", "dept-police");
        assertThat(item.supervisions()).hasSize(2);
        assertThat(reportIns()).allSatisfy(r -> assertThat(r.get("missed")).isEqualTo(true));
        // Late, but still expected: the departments report, and the item goes on.
        called.complete("Task_ReportIn", "justice1", "reportedPerson", "王调解员", "opinion", "组织调解");
        called.complete("Task_ReportIn", "police1", "reportedPerson", "李警官", "opinion", "加强巡逻");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_JointHandling").count()).isEqualTo(1);
    }

    @Test
    void aDepartmentSilentForThreeReportInPeriodsIsChasedThreeTimesUpTheLadder() {
        whistle("dept-justice");
        for (int period = 1; period <= 3; period++) {
            called.fireAll("whistle", "Timer_ReportInMissed");
            // The same miss, fired twice (a retried job, a second node), climbs nothing more.
            assertThat(called.timers("whistle", "Timer_ReportInMissed")).as("the chase repeats until the department reports in")
                    .hasSize(1);
        }
        assertThat(jdbc.sql("select miss_number || ':' || unit from supervision_record where number = ? and deadline = 'report-in' order by due_at")
                .param(item.number).query(String.class).list()).containsExactly("1:dept-justice", "2:dept-justice", "3:dept-justice");
        // 催办, then 督办, then 通报 (with 督办): each period one rung higher.
        assertThat(jdbc.sql("select step from supervision_record where number = ? and deadline = 'report-in' order by due_at")
                .param(item.number).query(String.class).list()).containsExactly("REMINDER", "MISSED", "NOTICE");
        assertThat(item.supervisions()).hasSize(3);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_IssueSupervision").count()).isEqualTo(2);

        called.complete("Task_ReportIn", "justice1", "reportedPerson", "王调解员", "opinion", "组织调解");
        assertThat(called.timers("whistle", "Timer_ReportInMissed")).as("reported in: no more chasing").isEmpty();
    }

    @Test
    void aDeclineReleasedByTheStreetCenterNeedsNoReport() {
        whistle("dept-justice,dept-housing");
        assertThatThrownBy(() -> called.complete("Task_ReportIn", "housing1", "declined", true))
                .hasRootCauseInstanceOf(InvalidRequestException.class).hasMessageContaining("declineReason");
        called.complete("Task_ReportIn", "housing1", "declined", true, "declineReason", "非住建职责，系邻里纠纷");
        assertThat(engine.getTaskService().getVariable(called.taskFor("Task_ArbitrateDecline", "center1").getId(),
                "declineReason")).isEqualTo("非住建职责，系邻里纠纷");
        called.complete("Task_ArbitrateDecline", "center1", "arbitration", "RELEASED", "arbitrationNote", "理由成立");
        assertThat(eventsOf("REPORT_IN_RELEASED")).containsExactly("dept-housing");
        called.complete("Task_ReportIn", "justice1", "reportedPerson", "王调解员", "opinion", "组织调解");
        called.complete("Task_JointHandling", "c05-staff", "jointAction", "联合处置",
                "ratings", "[{\"timeliness\":4,\"effectiveness\":4},{\"timeliness\":2,\"effectiveness\":1}]");
        assertThat(reportIns()).filteredOn(r -> "dept-housing".equals(r.get("department"))).singleElement()
                .satisfies(r -> assertThat(r.get("arbitration")).isEqualTo("RELEASED"));
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
    }

    @Test
    void aDeclineHeldMustReportWithinAFreshDeadline() {
        whistle("dept-urban");
        called.complete("Task_ReportIn", "urban1", "declined", true, "declineReason", "不属城管职责");
        ClockUtil.setCurrentTime(java.util.Date.from(java.time.ZonedDateTime.parse("2026-11-24T15:00:00+08:00").toInstant()));
        called.complete("Task_ArbitrateDecline", "center1", "arbitration", "HELD", "arbitrationNote", "涉及占道经营，属城管职责");
        assertThat(eventsOf("REPORT_IN_HELD")).containsExactly("dept-urban");
        var again = called.taskFor("Task_ReportIn", "urban1");
        assertThat(again.getDueDate()).isEqualTo(java.util.Date.from(java.time.ZonedDateTime.parse("2026-11-25T15:00:00+08:00").toInstant()));
        assertThat(engine.getTaskService().getVariable(again.getId(), "declineReason")).as("the old answer is gone").isNull();
        called.complete("Task_ReportIn", "urban1", "reportedPerson", "赵队长", "opinion", "清理占道");
        assertThat(reportIns()).singleElement().satisfies(r -> {
            assertThat(r.get("arbitration")).isEqualTo("HELD");
            assertThat(r.get("declined")).isEqualTo(false);
            assertThat(r.get("reported_person")).isEqualTo("赵队长");
        });
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_JointHandling").count()).isEqualTo(1);
    }

    @Test
    void aWhistleNeedsKnownDepartments() {
        assertThatThrownBy(() -> whistle("dept-nowhere"))
                .hasRootCauseInstanceOf(InvalidRequestException.class).hasMessageContaining("departments");
        assertThatThrownBy(() -> whistle(""))
                .hasRootCauseInstanceOf(InvalidRequestException.class).hasMessageContaining("departments");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
    }

    @Test
    void aDepartmentSeesOnlyItsOwnReportInOverRestAndTheItemItIsCalledInto() {
        whistle("dept-justice,dept-police");
        JsonNode police = new Http(port).as("police1").get("/engine-rest/task?maxResults=50&processInstanceBusinessKey="
                + item.number).json();
        assertThat(police).hasSize(1);
        assertThat(police.get(0).path("taskDefinitionKey").asText()).isEqualTo("Task_ReportIn");
        String taskId = police.get(0).path("id").asText();
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).taskCandidateGroup("dept-police").count()).isEqualTo(1);
        assertThat(new Http(port).as("civil1").get("/engine-rest/task?maxResults=50&processInstanceBusinessKey="
                + item.number).json()).isEmpty();
        // Called in, the department may read the item; one not called may not.
        assertThat(new Http(port).as("police1").get("/api/risk-items/" + item.number).status()).isEqualTo(200);
        assertThat(new Http(port).as("civil1").get("/api/risk-items/" + item.number).status()).isEqualTo(403);
    }
}
