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

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
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
        Task task = runs.tasks(review.getId()).get(0);
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_WeeklyReview");
        assertThat(task.getName()).isEqualTo("审核周报 · 2026-W49");
        assertThat(runs.candidateGroup(task)).isEqualTo("street-center");
        assertThat((String) engine.getTaskService().getVariable(task.getId(), "reportSummary"))
                .startsWith("统计周期：2026-11-30 至 2026-12-06（2026-W49）");
        assertThat(runs.reportSnapshot("WEEKLY", "2026-W49")).containsEntry("status", "DRAFT");

        assertThatThrownBy(() -> runs.completeAs("center1", task, Map.of("reviewAction", "RECOMPUTE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reviewNote");
        runs.completeAs("center1", task, Map.of("reviewAction", "RECOMPUTE", "reviewNote", "C03 补录了两件"));
        Task again = runs.tasks(review.getId()).get(0);
        assertThat(again.getTaskDefinitionKey()).isEqualTo("Task_WeeklyReview");
        assertThat(engine.getTaskService().getVariable(again.getId(), "reviewAction")).isNull();
        runs.completeAs("center2", again, Map.of("reviewAction", "READY", "reviewNote", ""));

        assertThat(runs.tasks(review.getId())).isEmpty();
        assertThat(runs.reportSnapshot("WEEKLY", "2026-W49")).containsEntry("status", "READY").containsEntry("reviewed_by", "center2");
    }
}
