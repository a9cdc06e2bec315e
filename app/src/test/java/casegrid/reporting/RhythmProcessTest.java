package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
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
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 日核·周调·月统 driven by the engine clock: each test moves the clock and runs the process's start
 * timer job, as the job executor would at the scheduled time.
 */
@CasegridTest
class RhythmProcessTest {

    static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    Job startTimer(String processKey) {
        List<Job> jobs = engine.getManagementService().createJobQuery().processDefinitionKey(processKey).timers()
                .list().stream().filter(j -> j.getProcessInstanceId() == null).toList();
        assertThat(jobs).as("start timer of %s", processKey).hasSize(1);
        return jobs.get(0);
    }

    /** Runs the start timer at {@code isoWithOffset}; the instance it started, found by its business key. */
    HistoricProcessInstance fireStart(String processKey, String isoWithOffset, String businessKey) {
        Scenario.clockAt(isoWithOffset);
        engine.getManagementService().executeJob(startTimer(processKey).getId());
        List<HistoricProcessInstance> started = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(processKey).processInstanceBusinessKey(businessKey).list();
        assertThat(started).as("%s instance %s", processKey, businessKey).hasSize(1);
        return started.get(0);
    }

    List<Task> tasks(String processInstanceId) {
        return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).list();
    }

    String candidateGroup(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElseThrow();
    }

    void completeAs(String user, Task task, Map<String, Object> vars) {
        new Scenario(engine, intake, jdbc).as(user, () -> {
            engine.getTaskService().claim(task.getId(), user);
            engine.getTaskService().complete(task.getId(), vars);
        });
    }

    @Test
    void theSchedulesComeFromConfigurationThroughTheDeadlineCalculatorBean() {
        ZonedDateTime daily = startTimer("dailyCheck").getDuedate().toInstant().atZone(OFFICE);
        assertThat(daily.toLocalTime()).hasToString("08:30");
        ZonedDateTime weekly = startTimer("weeklyReview").getDuedate().toInstant().atZone(OFFICE);
        assertThat(weekly.getDayOfWeek()).hasToString("MONDAY");
        assertThat(weekly.toLocalTime()).hasToString("09:00");
        ZonedDateTime monthly = startTimer("monthlyStats").getDuedate().toInstant().atZone(OFFICE);
        assertThat(monthly.getDayOfMonth()).isEqualTo(1);
        assertThat(monthly.toLocalTime()).hasToString("09:00");
    }

    @Test
    void aHolidayProducesNoDailyCheck() {
        // 2026-10-01, National Day: the timer fires, the process ends without a task.
        HistoricProcessInstance holiday = fireStart("dailyCheck", "2026-10-01T08:30:00+08:00", "daily-2026-10-01");
        assertThat(holiday.getState()).isEqualTo("COMPLETED");
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(holiday.getId()).count())
                .isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(holiday.getId())
                .activityId("EndEvent_NoCheckToday").count()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from daily_check where check_day = '2026-10-01'").query(Integer.class).single())
                .isZero();
        // The next run is scheduled for the next day at 08:30.
        assertThat(startTimer("dailyCheck").getDuedate())
                .isEqualTo(Date.from(ZonedDateTime.parse("2026-10-02T08:30:00+08:00").toInstant()));
    }

    @Test
    void aMakeUpWorkingSaturdayIsChecked() {
        // 2026-10-10 is a Saturday worked in place of the National Day holiday (调休).
        new Scenario(engine, intake, jdbc).intake("c09-grid1", Scenario.neighbourDispute("C09"));
        HistoricProcessInstance saturday = fireStart("dailyCheck", "2026-10-10T08:30:00+08:00", "daily-2026-10-10");
        assertThat(saturday.getState()).isEqualTo("ACTIVE");
        assertThat(tasks(saturday.getId())).extracting(this::candidateGroup).contains("community-C09-staff");
    }

    @Test
    void aWorkingDayOpensOneCheckPerCommunityWithOpenItemsAndFlagsAskTheResolver() {
        Scenario.clockAt("2026-12-01T08:00:00+08:00");
        Scenario item = new Scenario(engine, intake, jdbc).intake("c07-grid1", Scenario.neighbourDispute("C07"));
        HistoricProcessInstance check = fireStart("dailyCheck", "2026-12-01T08:30:00+08:00", "daily-2026-12-01");

        List<String> withOpenItems = jdbc.sql("""
                select distinct community from risk_item where status not in ('CLOSED', 'MERGED', 'TRANSFERRED')
                order by community""").query(String.class).list();
        List<Task> tasks = tasks(check.getId());
        assertThat(tasks).extracting(this::candidateGroup)
                .containsExactlyInAnyOrderElementsOf(withOpenItems.stream().map(c -> "community-" + c + "-staff").toList())
                .contains("community-C07-staff");
        Task c07 = tasks.stream().filter(t -> candidateGroup(t).equals("community-C07-staff")).findFirst().orElseThrow();
        assertThat(c07.getName()).isEqualTo("核查在办事项 · 福华社区 2026-12-01");
        assertThat(c07.getDueDate()).isEqualTo(Date.from(ZonedDateTime.parse("2026-12-02T00:00:00+08:00").toInstant()));
        String listing = (String) engine.getTaskService().getVariable(c07.getId(), "openItems");
        assertThat(listing).contains(item.number + "｜楼上漏水纠纷｜未定级｜");

        // An item of another community cannot be flagged here, and the check must be confirmed.
        Map<String, Object> wrong = new HashMap<>();
        wrong.put("checkConfirmed", false);
        wrong.put("flaggedItems", "QF-2026-999999 地址有误");
        assertThatThrownBy(() -> completeAs("c07-staff", c07, wrong)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("checkConfirmed").hasMessageContaining("QF-2026-999999 不是本社区的在办事项");

        completeAs("c07-staff", c07, Map.of("checkConfirmed", true, "flaggedItems", item.number + " 当事人已搬离，需更新地址"));
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
        assertThat(candidateGroup(followUps.get(0))).isEqualTo("community-C07-staff");
        completeAs("c07-staff", followUps.get(0), Map.of("progressNote", "已核实，地址已更正"));
        assertThat(item.eventKinds()).endsWith("DAILY_CHECK_FLAGGED", "CHECK_FOLLOWED_UP");

        // The day ends: the checks nobody did are recorded as missed, the done one stays done.
        Job dayEnded = engine.getManagementService().createJobQuery().processInstanceId(check.getId()).timers().singleResult();
        ClockUtil.setCurrentTime(new Date(dayEnded.getDuedate().getTime() + 60_000));
        engine.getManagementService().executeJob(dayEnded.getId());
        assertThat(tasks(check.getId())).isEmpty();
        Map<String, Integer> statuses = new HashMap<>();
        jdbc.sql("select status, count(*) as n from daily_check where check_day = '2026-12-01' group by status")
                .query((rs, n) -> statuses.put(rs.getString("status"), rs.getInt("n"))).list();
        assertThat(statuses).containsEntry("DONE", 1).containsEntry("MISSED", withOpenItems.size() - 1);
    }

    @Test
    void mondaysWeeklyReviewKeepsLastWeeksReportUntilTheCenterMarksItReady() {
        HistoricProcessInstance review = fireStart("weeklyReview", "2026-12-07T09:00:00+08:00", "weekly-2026-W49");
        Task task = tasks(review.getId()).get(0);
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_WeeklyReview");
        assertThat(task.getName()).isEqualTo("审核周报 · 2026-W49");
        assertThat(candidateGroup(task)).isEqualTo("street-center");
        assertThat((String) engine.getTaskService().getVariable(task.getId(), "reportSummary"))
                .startsWith("统计周期：2026-11-30 至 2026-12-06（2026-W49）");
        assertThat(snapshot("WEEKLY", "2026-W49")).containsEntry("status", "DRAFT");

        assertThatThrownBy(() -> completeAs("center1", task, Map.of("reviewAction", "RECOMPUTE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reviewNote");
        completeAs("center1", task, Map.of("reviewAction", "RECOMPUTE", "reviewNote", "C03 补录了两件"));
        Task again = tasks(review.getId()).get(0);
        assertThat(again.getTaskDefinitionKey()).isEqualTo("Task_WeeklyReview");
        assertThat(engine.getTaskService().getVariable(again.getId(), "reviewAction")).isNull();
        completeAs("center2", again, Map.of("reviewAction", "READY", "reviewNote", ""));

        assertThat(tasks(review.getId())).isEmpty();
        assertThat(snapshot("WEEKLY", "2026-W49")).containsEntry("status", "READY").containsEntry("reviewed_by", "center2");
    }

    @Test
    void theFirstOfTheMonthKeepsLastMonthsReportForTheLeaders() {
        HistoricProcessInstance stats = fireStart("monthlyStats", "2027-01-01T09:00:00+08:00", "monthly-2026-12");
        Task task = tasks(stats.getId()).get(0);
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_MonthlyReview");
        assertThat(candidateGroup(task)).isEqualTo("street-leaders");
        completeAs("leader1", task, Map.of("reviewAction", "READY"));
        assertThat(snapshot("MONTHLY", "2026-12")).containsEntry("status", "READY").containsEntry("reviewed_by", "leader1");
        assertThat(jdbc.sql("select body->>'period' from report_snapshot where kind = 'MONTHLY' and period = '2026-12'")
                .query(String.class).single()).isEqualTo("2026-12");
    }

    Map<String, Object> snapshot(String kind, String period) {
        return jdbc.sql("select status, reviewed_by from report_snapshot where kind = ? and period = ?")
                .params(kind, period).query().singleRow();
    }
}
