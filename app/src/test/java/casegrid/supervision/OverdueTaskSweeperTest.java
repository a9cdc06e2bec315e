package casegrid.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A task without a timer in its model (grading) gets its due date from Decision_TaskDeadline and, once
 * it passes, is chased by the sweep every working day until done, one rung higher each time, each miss once.
 */
@CasegridTest
class OverdueTaskSweeperTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired OverdueTaskSweeper sweeper;
    @Autowired casegrid.org.Streets streets;
    Scenario item;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        // Monday
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        item = new Scenario(engine, intake, jdbc);
        item.intake("c05-grid1", Scenario.neighbourDispute("C05"));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    List<String> misses() {
        return jdbc.sql("select miss_number || ':' || step || ':' || unit from supervision_record where number = ? and deadline = 'grade' order by miss_number")
                .param(item.number).query(String.class).list();
    }

    static Date at(String iso) {
        return Date.from(OffsetDateTime.parse(iso).toInstant());
    }

    @Test
    void gradingIsDueInTwoWorkingDaysAndAMissClimbsTheLadderEachWorkingDayUntilDone() {
        // The table: grade, P2D counted in working days → the end of Wednesday.
        assertThat(item.task("Task_Grade").getDueDate()).isEqualTo(at("2026-11-26T00:00:00+08:00"));

        Scenario.clockAt("2026-11-25T23:59:00+08:00");
        sweeper.sweep();
        assertThat(misses()).isEmpty();

        Scenario.clockAt("2026-11-26T00:01:00+08:00");
        sweeper.sweep();
        sweeper.sweep();
        assertThat(misses()).as("the same miss, swept twice, climbs once").containsExactly("1:REMINDER:community-C05-staff");

        Scenario.clockAt("2026-11-27T08:00:00+08:00");
        sweeper.sweep();
        assertThat(misses()).containsExactly("1:REMINDER:community-C05-staff", "2:MISSED:community-C05-staff");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_IssueSupervision").count()).as("督办 on the second miss").isEqualTo(1);

        // Friday's miss falls at its end; the weekend counts none.
        Scenario.clockAt("2026-11-30T08:00:00+08:00");
        sweeper.sweep();
        assertThat(misses()).containsExactly("1:REMINDER:community-C05-staff", "2:MISSED:community-C05-staff",
                "3:NOTICE:community-C05-staff");
        assertThat(jdbc.sql("select count(*) from task_deadline_miss where number = ? and form_id = 'grade'")
                .param(item.number).query(Integer.class).single()).isEqualTo(3);

        item.complete("Task_Grade", "c05-staff", "riskLevel", "LOW", "fixableNow", false);
        Scenario.clockAt("2026-12-01T08:00:00+08:00");
        sweeper.sweep();
        assertThat(misses()).as("graded: no more chasing").hasSize(3);
    }

    @Test
    void aSilentSupervisionReplyIsChasedEveryWorkingDayAndIsPublicOnTheThirdMiss() {
        Scenario.clockAt("2026-11-26T00:01:00+08:00");
        sweeper.sweep();
        Scenario.clockAt("2026-11-27T08:00:00+08:00");
        sweeper.sweep();
        item.complete("Task_Grade", "c05-staff", "riskLevel", "LOW", "fixableNow", false);
        item.complete("Task_IssueSupervision", "sup1", "supervisionNotice", "请立即研判定级");
        // replyDue: two working days from the second miss (Friday 08:00) → the end of Tuesday.
        assertThat(item.task("Task_ReplySupervision").getDueDate()).isEqualTo(at("2026-12-02T00:00:00+08:00"));

        for (String day : List.of("2026-12-02", "2026-12-03", "2026-12-04")) {
            Scenario.clockAt(day + "T00:30:00+08:00");
            sweeper.sweep();
            sweeper.sweep();
        }
        assertThat(jdbc.sql("select miss_number || ':' || unit from task_deadline_miss where number = ? and form_id = 'reply-supervision' order by miss_number")
                .param(item.number).query(String.class).list())
                .containsExactly("1:community-C05-leaders", "2:community-C05-leaders", "3:community-C05-leaders");
        assertThat(jdbc.sql("select step from supervision_record where number = ? and deadline = 'grade' and miss_number = 2")
                .param(item.number).query(String.class).single()).as("the third silent day puts it on the public notice")
                .isEqualTo("NOTICE");
        assertThat(jdbc.sql("select count(*) from risk_item_event where number = ? and kind = 'DEADLINE_MISSED' and unit = 'community-C05-leaders'")
                .param(item.number).query(Integer.class).single()).isEqualTo(3);
        assertThat(item.supervisions()).as("no supervision about the supervision").hasSize(2);
    }

    @Test
    void aMissIsHeldAgainstTheUnitTheTableNames() {
        assertThat(OverdueTaskSweeper.chasedUnit(casegrid.deadline.TaskDeadlineTable.Chased.LEADER, "community-C05-staff", streets))
                .isEqualTo("community-C05-leaders");
        assertThat(OverdueTaskSweeper.chasedUnit(casegrid.deadline.TaskDeadlineTable.Chased.LEADER, "dept-police", streets))
                .isEqualTo("street-leaders");
        assertThat(OverdueTaskSweeper.chasedUnit(casegrid.deadline.TaskDeadlineTable.Chased.CENTER, "dept-police", streets))
                .isEqualTo("street-center");
        assertThat(OverdueTaskSweeper.chasedUnit(casegrid.deadline.TaskDeadlineTable.Chased.HOLDER, "dept-police", streets))
                .isEqualTo("dept-police");
    }
}
