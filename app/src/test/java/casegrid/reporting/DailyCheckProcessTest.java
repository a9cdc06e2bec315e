package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import casegrid.support.ScheduledRuns;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * dailyCheck (日核) driven by the engine clock: each test moves the clock and runs the process's
 * start timer job, as the job executor would at the scheduled time. Every path: holiday, all checks
 * done, the day ending with checks missed.
 */
@CasegridTest
class DailyCheckProcessTest {

    static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    ScheduledRuns runs;

    @BeforeEach
    void setUp() {
        runs = new ScheduledRuns(engine, intake, jdbc);
    }

    @Test
    void theScheduleComesFromConfigurationThroughTheDeadlineCalculatorBean() {
        ZonedDateTime daily = runs.startTimer("dailyCheck").getDuedate().toInstant().atZone(OFFICE);
        assertThat(daily.toLocalTime()).hasToString("08:30");
    }

    @Test
    void aHolidayProducesNoDailyCheck() {
        // 2026-10-01, National Day: the timer fires, the process ends without a task.
        HistoricProcessInstance holiday = runs.fireStart("dailyCheck", "2026-10-01T08:30:00+08:00", "daily-2026-10-01");
        assertThat(holiday.getState()).isEqualTo("COMPLETED");
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(holiday.getId()).count())
                .isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(holiday.getId())
                .activityId("EndEvent_NoCheckToday").count()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from daily_check where check_day = '2026-10-01'").query(Integer.class).single())
                .isZero();
        // The next run is scheduled for the next day at 08:30.
        assertThat(runs.startTimer("dailyCheck").getDuedate())
                .isEqualTo(Date.from(ZonedDateTime.parse("2026-10-02T08:30:00+08:00").toInstant()));
    }

    @Test
    void aMakeUpWorkingSaturdayIsChecked() {
        // 2026-10-10 is a Saturday worked in place of the National Day holiday (调休).
        new Scenario(engine, intake, jdbc).intake("c09-grid1", Scenario.neighbourDispute("C09"));
        HistoricProcessInstance saturday = runs.fireStart("dailyCheck", "2026-10-10T08:30:00+08:00", "daily-2026-10-10");
        assertThat(saturday.getState()).isEqualTo("ACTIVE");
        assertThat(runs.tasks(saturday.getId())).extracting(runs::candidateGroup).contains("community-C09-staff");
    }

    @Test
    void aWorkingDayOpensOneCheckPerCommunityWithOpenItemsAndFlagsAskTheResolver() {
        Scenario.clockAt("2026-12-01T08:00:00+08:00");
        Scenario item = new Scenario(engine, intake, jdbc).intake("c07-grid1", Scenario.neighbourDispute("C07"));
        HistoricProcessInstance check = runs.fireStart("dailyCheck", "2026-12-01T08:30:00+08:00", "daily-2026-12-01");

        List<String> withOpenItems = jdbc.sql("""
                select distinct community from risk_item where status not in ('CLOSED', 'MERGED', 'TRANSFERRED')
                order by community""").query(String.class).list();
        List<Task> tasks = runs.tasks(check.getId());
        assertThat(tasks).extracting(runs::candidateGroup)
                .containsExactlyInAnyOrderElementsOf(withOpenItems.stream().map(c -> "community-" + c + "-staff").toList())
                .contains("community-C07-staff");
        Task c07 = tasks.stream().filter(t -> runs.candidateGroup(t).equals("community-C07-staff")).findFirst().orElseThrow();
        assertThat(c07.getName()).isEqualTo("核查在办事项 · 福华社区 2026-12-01");
        assertThat(c07.getDueDate()).isEqualTo(Date.from(ZonedDateTime.parse("2026-12-02T00:00:00+08:00").toInstant()));
        String listing = (String) engine.getTaskService().getVariable(c07.getId(), "openItems");
        assertThat(listing).contains(item.number + "｜楼上漏水纠纷｜未定级｜");

        // An item of another community cannot be flagged here, and the check must be confirmed.
        Map<String, Object> wrong = new HashMap<>();
        wrong.put("checkConfirmed", false);
        wrong.put("flaggedItems", "QF-2026-999999 地址有误");
        assertThatThrownBy(() -> runs.completeAs("c07-staff", c07, wrong)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("checkConfirmed").hasMessageContaining("QF-2026-999999 不是本社区的在办事项");

        runs.completeAs("c07-staff", c07, Map.of("checkConfirmed", true, "flaggedItems", item.number + " 当事人已搬离，需更新地址"));
        Map<String, Object> row = jdbc.sql("select * from daily_check where check_day = '2026-12-01' and community = 'C07'")
                .query().singleRow();
        assertThat(row).containsEntry("status", "DONE").containsEntry("flagged", 1).containsEntry("done_by", "c07-staff");
        assertThat(item.eventKinds()).contains("DAILY_CHECK_FLAGGED");

        // The flag asks for an update in a checkFollowUp instance keyed by the item number.
        List<Task> followUps = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_UpdateAfterCheck").list();
        assertThat(followUps).hasSize(1);
        assertThat(engine.getTaskService().getVariable(followUps.get(0).getId(), "checkNote")).isEqualTo("当事人已搬离，需更新地址");
        // The unit (followUpGroup) is the community; its staff work the task, not its grid workers.
        assertThat(runs.candidateGroup(followUps.get(0))).isEqualTo("community-C07-staff");
        runs.completeAs("c07-staff", followUps.get(0), Map.of("progressNote", "已核实，地址已更正"));
        assertThat(item.eventKinds()).endsWith("DAILY_CHECK_FLAGGED", "CHECK_FOLLOWED_UP");

        // The day ends: the checks nobody did are recorded as missed, the done one stays done.
        Job dayEnded = engine.getManagementService().createJobQuery().processInstanceId(check.getId()).timers().singleResult();
        ClockUtil.setCurrentTime(new Date(dayEnded.getDuedate().getTime() + 60_000));
        engine.getManagementService().executeJob(dayEnded.getId());
        assertThat(runs.tasks(check.getId())).isEmpty();
        Map<String, Integer> statuses = new HashMap<>();
        jdbc.sql("select status, count(*) as n from daily_check where check_day = '2026-12-01' group by status")
                .query((rs, n) -> statuses.put(rs.getString("status"), rs.getInt("n"))).list();
        assertThat(statuses).containsEntry("DONE", 1).containsEntry("MISSED", withOpenItems.size() - 1);
    }

    @Test
    void whenEveryCommunityHasCheckedTheDayEndsCheckedWithNothingMissed() {
        Scenario.clockAt("2026-12-03T08:00:00+08:00");
        new Scenario(engine, intake, jdbc).intake("c11-grid1", Scenario.neighbourDispute("C11"));
        HistoricProcessInstance check = runs.fireStart("dailyCheck", "2026-12-03T08:30:00+08:00", "daily-2026-12-03");
        List<Task> tasks = runs.tasks(check.getId());
        assertThat(tasks).extracting(runs::candidateGroup).contains("community-C11-staff");

        // Each community's staff (community-C11-staff → c11-staff) confirms its list with nothing to flag.
        for (Task task : tasks) {
            String staff = runs.candidateGroup(task).replace("community-", "").toLowerCase();
            runs.completeAs(staff, task, Map.of("checkConfirmed", true, "flaggedItems", ""));
        }

        assertThat(runs.passed(check.getId())).contains("Task_DailyCheck", "EndEvent_Checked")
                .doesNotContain("Timer_DayEnded", "ServiceTask_RecordMissedChecks");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(check.getId())
                .singleResult().getState()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("select distinct status from daily_check where check_day = '2026-12-03'").query(String.class)
                .list()).containsExactly("DONE");
    }
}
