package casegrid.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * supervision (超期督办), one instance per missed deadline, started here by an item's T+2 feedback
 * timer: the first miss is a reminder, the second a supervision issued and answered, the third
 * also a public notice before the supervision.
 */
@CasegridTest
class SupervisionProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    Scenario item;

    @BeforeEach
    void setUp() {
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        item = new Scenario(engine, intake, jdbc).planned("C13", "LOW");
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    /** Flow nodes the n-th supervision instance of the item passed (1-based, in start order). */
    List<String> passedByMiss(int missNumber) {
        List<HistoricProcessInstance> supervisions = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("supervision").processInstanceBusinessKey(item.number)
                .orderByProcessInstanceStartTime().asc().list();
        assertThat(supervisions).as("supervisions of %s", item.number).hasSizeGreaterThanOrEqualTo(missNumber);
        return engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(supervisions.get(missNumber - 1).getId()).orderPartiallyByOccurrence().asc().list()
                .stream().map(HistoricActivityInstance::getActivityId).toList();
    }

    Task openTask(String taskKey) {
        return engine.getTaskService().createTaskQuery().processDefinitionKey("supervision")
                .processInstanceBusinessKey(item.number).taskDefinitionKey(taskKey).singleResult();
    }

    @Test
    void theFirstMissOnlyRemindsTheUnit() {
        item.fire("Timer_FeedbackOverdue");
        assertThat(passedByMiss(1)).containsExactly("StartEvent_DeadlineMissed", "Gateway_Ladder",
                "ServiceTask_RecordReminder", "EndEvent_Reminded");
        assertThat(item.eventKinds()).contains("REMINDED");
    }

    @Test
    void theSecondMissIsIssuedByTheSupervisionGroupAndAnsweredByTheUnit() {
        item.fire("Timer_FeedbackOverdue").fire("Timer_FeedbackOverdue");
        Task issue = openTask("Task_IssueSupervision");
        assertThat(engine.getTaskService().getIdentityLinksForTask(issue.getId()))
                .anyMatch(l -> "supervision-3".equals(l.getGroupId()));
        engine.getTaskService().complete(issue.getId(), Map.of("supervisionNotice", "请于两日内反馈"));
        Task reply = openTask("Task_ReplySupervision");
        assertThat(engine.getTaskService().getIdentityLinksForTask(reply.getId()))
                .anyMatch(l -> "community-C13-staff".equals(l.getGroupId()));
        engine.getTaskService().complete(reply.getId(), Map.of("supervisionReply", "已反馈"));

        assertThat(passedByMiss(2)).containsExactly("StartEvent_DeadlineMissed", "Gateway_Ladder",
                "Gateway_JoinSupervision", "Task_IssueSupervision", "Task_ReplySupervision", "EndEvent_Answered");
    }

    @Test
    void theThirdMissIsAlsoNoticedPubliclyBeforeTheSupervision() {
        item.fire("Timer_FeedbackOverdue").fire("Timer_FeedbackOverdue").fire("Timer_FeedbackOverdue");
        assertThat(passedByMiss(3)).containsExactly("StartEvent_DeadlineMissed", "Gateway_Ladder",
                "ServiceTask_PublicNotice", "Gateway_JoinSupervision", "Task_IssueSupervision");
        assertThat(item.eventKinds()).contains("PUBLIC_NOTICE");
        assertThat(jdbc.sql("select step from supervision_record where number = ? order by miss_number").param(item.number)
                .query(String.class).list()).containsExactly("REMINDER", "MISSED", "NOTICE");
    }
}
