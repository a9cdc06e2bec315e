package casegrid.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A changed schedule applies without a redeploy: the engine evaluates a timer cycle such as
 * {@code ${schedules.weeklyReview}} again when it is due ({@code reevaluate-time-cycle-when-due}), so
 * the run after a configuration change (a restart) is scheduled by the new cron. A probe process of
 * its own carries the cycle, so the shipped weekly review's timer stays as other tests expect it.
 */
@CasegridTest
class ScheduleChangeTest {

    static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");

    @Autowired ProcessEngine engine;
    @Autowired DeadlineProperties deadlines;
    String deploymentId;
    String before;

    @AfterEach
    void tearDown() {
        if (before != null) {
            deadlines.setWeeklyReview(before);
        }
        if (deploymentId != null) {
            engine.getRepositoryService().deleteDeployment(deploymentId, true);
        }
        ClockUtil.reset();
    }

    @Test
    void aChangedCronSchedulesTheNextRunWithoutARedeploy() {
        before = deadlines.getWeeklyReview();
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.parse("2026-12-02T12:00:00+08:00").toInstant()));
        BpmnModelInstance probe = Bpmn.createExecutableProcess("scheduleProbe").camundaHistoryTimeToLive(1)
                .startEvent("Timer_ProbeStart").name("按配置定时").timerWithCycle("${schedules.weeklyReview}")
                .endEvent("EndEvent_ProbeRan").name("已运行").done();
        deploymentId = engine.getRepositoryService().createDeployment().addModelInstance("schedule-probe.bpmn", probe)
                .deploy().getId();
        Job first = startTimer();
        assertThat(office(first.getDuedate())).isEqualTo(ZonedDateTime.parse("2026-12-07T09:00+08:00[Asia/Shanghai]"));

        // The office moves the weekly review to Tuesdays at 10:00 and restarts casegrid.
        deadlines.setWeeklyReview("0 0 10 * * TUE");
        ClockUtil.setCurrentTime(first.getDuedate());
        engine.getManagementService().executeJob(first.getId());

        assertThat(office(startTimer().getDuedate())).isEqualTo(ZonedDateTime.parse("2026-12-08T10:00+08:00[Asia/Shanghai]"));
    }

    Job startTimer() {
        return engine.getManagementService().createJobQuery().processDefinitionKey("scheduleProbe").timers().singleResult();
    }

    static ZonedDateTime office(Date date) {
        return date.toInstant().atZone(OFFICE);
    }
}
