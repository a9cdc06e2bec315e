package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.ScheduledRuns;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * monthlyStats (月统) driven by the engine clock: the start timer runs at its scheduled time, the report is
 * computed and kept as a draft until the street leaders marks it ready; a recompute loops back.
 */
@CasegridTest
class MonthlyStatsProcessTest {

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
    void theScheduleIsTheFirstOfTheMonthAtNineFromConfiguration() {
        ZonedDateTime monthly = runs.startTimer("monthlyStats").getDuedate().toInstant().atZone(OFFICE);
        assertThat(monthly.getDayOfMonth()).isEqualTo(1);
        assertThat(monthly.toLocalTime()).hasToString("09:00");
    }

    @Test
    void theFirstOfTheMonthKeepsLastMonthsReportForTheLeaders() {
        HistoricProcessInstance stats = runs.fireStart("monthlyStats", "2027-01-01T09:00:00+08:00", "monthly-2026-12");
        Task task = runs.streetTask(stats.getId(), "QF");
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_MonthlyReview");
        assertThat(runs.candidateGroup(task)).isEqualTo("street-leaders");
        runs.completeAs("leader1", task, Map.of("reviewAction", "READY"));
        assertThat(runs.reportSnapshot("MONTHLY", "2026-12")).containsEntry("status", "READY").containsEntry("reviewed_by", "leader1");
        assertThat(jdbc.sql("select body->>'period' from report_snapshot where kind = 'MONTHLY' and period = '2026-12' and street_code = 'QF'")
                .query(String.class).single()).isEqualTo("2026-12");
    }

    @Test
    void aRecomputedMonthlyReportComesBackForReview() {
        HistoricProcessInstance stats = runs.fireStart("monthlyStats", "2027-02-01T09:00:00+08:00", "monthly-2027-01");
        Task task = runs.streetTask(stats.getId(), "QF");
        runs.completeAs("leader1", task, Map.of("reviewAction", "RECOMPUTE", "reviewNote", "C03 补录了两件"));
        Task again = runs.streetTask(stats.getId(), "QF");
        assertThat(again.getTaskDefinitionKey()).isEqualTo("Task_MonthlyReview");
        assertThat(runs.reportSnapshot("MONTHLY", "2027-01")).containsEntry("status", "DRAFT");
        runs.completeAs("leader2", again, Map.of("reviewAction", "READY"));
        runs.completeOtherStreets(stats.getId(), "QF");
        // Every street computed once, QF twice (the recompute looped back); other streets' steps interleave in the history.
        List<String> passed = runs.passed(stats.getId());
        int streets = jdbc.sql("select count(*) from street").query(Integer.class).single();
        assertThat(passed.stream().filter("ServiceTask_ComputeReport"::equals).count()).isEqualTo(streets + 1L);
        assertThat(passed).contains("Gateway_ReviewAction", "EndEvent_StreetReady").endsWith("EndEvent_ReadyForMeeting");
        assertThat(runs.reportSnapshot("MONTHLY", "2027-01")).containsEntry("status", "READY").containsEntry("reviewed_by", "leader2");
    }
}
