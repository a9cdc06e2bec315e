package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import casegrid.support.ScheduledRuns;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * checkFollowUp (日核发现问题): started when a daily check flags an item, keyed by the item number;
 * the item's resolver updates it and the instance ends.
 */
@CasegridTest
class CheckFollowUpProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void aFlaggedItemIsUpdatedByItsResolverAndTheFollowUpEnds() {
        ScheduledRuns runs = new ScheduledRuns(engine, intake, jdbc);
        Scenario.clockAt("2026-12-04T08:00:00+08:00");
        Scenario item = new Scenario(engine, intake, jdbc).planned("C10", "LOW");
        HistoricProcessInstance check = runs.fireStart("dailyCheck", "2026-12-04T08:30:00+08:00", "daily-2026-12-04");
        Task c10 = runs.tasks(check.getId()).stream()
                .filter(t -> runs.candidateGroup(t).equals("community-C10-staff")).findFirst().orElseThrow();
        runs.completeAs("c10-staff", c10, Map.of("checkConfirmed", true, "flaggedItems", item.number + " 电话号码已停用"));

        Task update = engine.getTaskService().createTaskQuery().processDefinitionKey("checkFollowUp")
                .processInstanceBusinessKey(item.number).singleResult();
        assertThat(update.getTaskDefinitionKey()).isEqualTo("Task_UpdateAfterCheck");
        assertThat(update.getAssignee()).isEqualTo("c10-staff");
        assertThat(update.getName()).startsWith("更新核查事项 · " + item.number);
        assertThat(update.getDueDate()).isAfter(ClockUtil.getCurrentTime());
        assertThat(engine.getTaskService().getVariable(update.getId(), "checkNote")).isEqualTo("电话号码已停用");

        runs.completeAs("c10-staff", update, Map.of("progressNote", "已联系当事人，更新联系电话"));
        assertThat(runs.passed(update.getProcessInstanceId()))
                .containsExactly("StartEvent_Flagged", "Task_UpdateAfterCheck", "EndEvent_Updated");
    }
}
