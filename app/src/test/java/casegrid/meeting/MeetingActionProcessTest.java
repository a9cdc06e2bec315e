package casegrid.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CalledWork;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * meetingAction (联席会议任务落实): one instance per action item a community meeting assigns;
 * done in time it just ends, overdue it is marked and supervised against its owner and stays open.
 */
@CasegridTest
class MeetingActionProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    Scenario item;
    CalledWork called;

    @BeforeEach
    void setUp() {
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        item = new Scenario(engine, intake, jdbc);
        called = new CalledWork(engine, item);
        item.planned("C08", "MEDIUM");
        item.complete("Task_Feedback", "c08-staff", "feedbackNote", "已核实");
        item.complete("Task_Resolve", "c08-staff", "resolutionOutcome", "ESCALATE", "progressNote", "多次调解未果");
        called.complete("Task_ConveneMeeting", "c08-staff", "meetingAt", "2026-11-25T14:00", "place", "社区会议室");
        called.complete("Task_RecordMinutes", "c08-staff", "attendees", "社区书记 张三", "decisions", "派出所加强巡逻",
                "actionItems", "派出所|2026-11-30|加强夜间巡逻", "meetingOutcome", "RESOLVED");
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    List<String> passed() {
        String instance = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("meetingAction")
                .processInstanceBusinessKey(item.number).singleResult().getId();
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance)
                .orderPartiallyByOccurrence().asc().list().stream().map(HistoricActivityInstance::getActivityId).toList();
    }

    String actionState() {
        return jdbc.sql("select state from meeting_action where number = ?").param(item.number).query(String.class).single();
    }

    @Test
    void anActionItemDoneInTimeEndsWithoutSupervision() {
        called.complete("Task_CompleteActionItem", "police1", "actionNote", "已加强巡逻");
        assertThat(actionState()).isEqualTo("DONE");
        assertThat(passed()).containsExactly("StartEvent_ActionAssigned", "Task_CompleteActionItem", "EndEvent_ActionDone");
        assertThat(called.timers("meetingAction", "Timer_ActionItemDue")).isEmpty();
        assertThat(item.supervisions()).isEmpty();
    }

    @Test
    void anOverdueActionItemIsSupervisedAgainstItsOwnerAndStillToBeDone() {
        called.fireAll("meetingAction", "Timer_ActionItemDue");
        assertThat(actionState()).isEqualTo("OVERDUE");
        assertThat(passed()).contains("Timer_ActionItemDue", "ServiceTask_MarkActionOverdue", "ServiceTask_ActionItemMissed",
                "EndEvent_ActionChased").doesNotContain("EndEvent_ActionDone");
        assertThat(jdbc.sql("select unit from supervision_record where number = ? and deadline = 'action-item'")
                .param(item.number).query(String.class).list()).containsExactly("dept-police");
        // Still silent a period later: chased again, one rung higher.
        called.fireAll("meetingAction", "Timer_ActionItemDue");
        assertThat(jdbc.sql("select miss_number from supervision_record where number = ? and deadline = 'action-item' order by due_at")
                .param(item.number).query(Integer.class).list()).containsExactly(1, 2);

        called.complete("Task_CompleteActionItem", "police1", "actionNote", "已加强巡逻");
        assertThat(called.timers("meetingAction", "Timer_ActionItemDue")).as("done: no more chasing").isEmpty();
        assertThat(actionState()).isEqualTo("DONE");
        assertThat(passed()).endsWith("EndEvent_ActionDone");
    }
}
