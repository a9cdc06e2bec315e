package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.ScheduledRuns;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * weeklyReview (周调) driven by the engine clock: the start timer runs at its scheduled time, the report is
 * computed and kept as a draft until the street center marks it ready; a recompute asks for a note and loops back.
 */
@CasegridTest
class WeeklyReviewProcessTest {

    static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");

    @Autowired casegrid.org.OrgImport orgImport;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired casegrid.tasklist.TasklistFilters filters;
    ScheduledRuns runs;

    @BeforeEach
    void setUp() {
        runs = new ScheduledRuns(engine, intake, jdbc);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void theScheduleIsMondayAtNineFromConfiguration() {
        ZonedDateTime weekly = runs.startTimer("weeklyReview").getDuedate().toInstant().atZone(OFFICE);
        assertThat(weekly.getDayOfWeek()).hasToString("MONDAY");
        assertThat(weekly.toLocalTime()).hasToString("09:00");
    }

    @Test
    void mondaysWeeklyReviewKeepsLastWeeksReportUntilTheCenterMarksItReady() {
        HistoricProcessInstance review = runs.fireStart("weeklyReview", "2026-12-07T09:00:00+08:00", "weekly-2026-W49");
        Task task = runs.streetTask(review.getId(), "QF");
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_WeeklyReview");
        assertThat(task.getName()).isEqualTo("审核周报 · 2026-W49");
        assertThat(runs.candidateGroup(task)).isEqualTo("street-center");
        assertThat((String) engine.getTaskService().getVariable(task.getId(), "reportSummary"))
                .startsWith("统计周期：2026-11-30 至 2026-12-06（2026-W49）");
        assertThat(runs.reportSnapshot("WEEKLY", "2026-W49")).containsEntry("status", "DRAFT");

        assertThatThrownBy(() -> runs.completeAs("center1", task, Map.of("reviewAction", "RECOMPUTE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reviewNote");
        runs.completeAs("center1", task, Map.of("reviewAction", "RECOMPUTE", "reviewNote", "C03 补录了两件"));
        Task again = runs.streetTask(review.getId(), "QF");
        assertThat(again.getTaskDefinitionKey()).isEqualTo("Task_WeeklyReview");
        assertThat(engine.getTaskService().getVariable(again.getId(), "reviewAction")).isNull();
        runs.completeAs("center2", again, Map.of("reviewAction", "READY", "reviewNote", ""));

        assertThat(runs.streetTasks(review.getId(), "QF")).isEmpty();
        assertThat(runs.reportSnapshot("WEEKLY", "2026-W49")).containsEntry("status", "READY").containsEntry("reviewed_by", "center2");
    }

    @Test
    void everyStreetReviewsItsOwnWeekWithItsOwnCenterAndSnapshot() {
        casegrid.support.SecondStreet.ensure(orgImport, filters);
        HistoricProcessInstance review = runs.fireStart("weeklyReview", "2026-12-14T09:00:00+08:00", "weekly-2026-W50");
        Task qf = runs.streetTask(review.getId(), "QF");
        Task hx = runs.streetTask(review.getId(), "HX");
        assertThat(runs.candidateGroup(qf)).isEqualTo("street-center");
        assertThat(runs.candidateGroup(hx)).isEqualTo("street-center-hx");
        assertThat(hx.getName()).isEqualTo("审核周报 · 2026-W50");
        assertThat(jdbc.sql("select body->'scope' #>> '{}' from report_snapshot where kind = 'WEEKLY' and period = '2026-W50' and street_code = 'HX'")
                .query(String.class).single()).isEqualTo("[\"C16\"]");
        assertThat(jdbc.sql("select jsonb_array_length(body->'scope') from report_snapshot where kind = 'WEEKLY' and period = '2026-W50' and street_code = 'QF'")
                .query(Integer.class).single()).isEqualTo(15);

        // HX recomputes while QF is already done: each street's choice is its own.
        runs.completeAs("center1", qf, Map.of("reviewAction", "READY", "reviewNote", ""));
        runs.completeAs("hx-center1", hx, Map.of("reviewAction", "RECOMPUTE", "reviewNote", "C16 补录"));
        assertThat(runs.reportSnapshot("WEEKLY", "2026-W50", "QF")).containsEntry("status", "READY");
        assertThat(runs.reportSnapshot("WEEKLY", "2026-W50", "HX")).containsEntry("status", "DRAFT");
        Task again = runs.streetTask(review.getId(), "HX");
        assertThat(engine.getTaskService().getVariable(again.getId(), "reviewAction")).isNull();
        runs.completeAs("hx-center1", again, Map.of("reviewAction", "READY", "reviewNote", ""));
        runs.completeOtherStreets(review.getId(), "HX");
        assertThat(runs.reportSnapshot("WEEKLY", "2026-W50", "HX")).containsEntry("status", "READY").containsEntry("reviewed_by", "hx-center1");
        assertThat(runs.tasks(review.getId())).isEmpty();
        assertThat(runs.passed(review.getId())).endsWith("EndEvent_ReadyForMeeting");
    }
}
