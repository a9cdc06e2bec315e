package casegrid.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CalledWork;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import casegrid.web.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of the three-tier joint meeting (三级联席会议) and its action items. */
@CasegridTest
class JointMeetingProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    Scenario item;
    CalledWork called;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        // Monday 2026-11-23, 10:00 in the office.
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        item = new Scenario(engine, intake, jdbc);
        called = new CalledWork(engine, item);
        item.planned("C12", "MEDIUM");
        item.complete("Task_Feedback", "c12-staff", "feedbackNote", "已核实");
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    void escalate() {
        item.complete("Task_Resolve", "c12-staff", "resolutionOutcome", "ESCALATE", "progressNote", "多次调解未果");
    }

    void meeting(String organiser, String outcome, String actionItems) {
        called.complete("Task_ConveneMeeting", organiser, "meetingAt", "2026-11-25T14:00", "place", "社区会议室",
                "invitedDepartments", "dept-justice,dept-housing");
        called.complete("Task_RecordMinutes", organiser, "attendees", "社区书记 张三\n司法所 王五、住建 赵六",
                "decisions", "由司法所牵头再次调解\n物业三日内排查管道", "actionItems", actionItems, "meetingOutcome", outcome);
    }

    List<Map<String, Object>> meetings() {
        return jdbc.sql("select * from meeting where number = ? order by id").param(item.number).query().listOfRows();
    }

    List<Map<String, Object>> actions() {
        return jdbc.sql("select * from meeting_action where number = ? order by id").param(item.number).query().listOfRows();
    }

    @Test
    void theFirstEscalationIsACommunityMeetingThatCanResolveTheItem() {
        escalate();
        assertThat(item.instance()).isWaitingAt("CallActivity_JointMeeting");
        assertThat(item.status()).isEqualTo("MEETING_COMMUNITY");
        meeting("c12-staff", "RESOLVED", "司法所|2026-12-05|组织双方再次调解\ncommunity-C12|2026-12-03|督促物业维修");
        assertThat(meetings()).singleElement().satisfies(m -> {
            assertThat(m.get("tier")).isEqualTo("COMMUNITY");
            assertThat(m.get("organiser")).isEqualTo("community-C12");
            assertThat(m.get("place")).isEqualTo("社区会议室");
            assertThat(m.get("invited")).isEqualTo("dept-justice,dept-housing");
            assertThat(m.get("outcome")).isEqualTo("RESOLVED");
        });
        long meetingId = ((Number) meetings().get(0).get("id")).longValue();
        assertThat(jdbc.sql("select count(*) from meeting_attendee where meeting_id = ?").param(meetingId).query(Integer.class)
                .single()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from meeting_decision where meeting_id = ?").param(meetingId).query(Integer.class)
                .single()).isEqualTo(2);
        assertThat(actions()).extracting(a -> a.get("owner") + ":" + a.get("state"))
                .containsExactly("dept-justice:OPEN", "community-C12:OPEN");
        assertThat(item.eventKinds()).contains("ESCALATED", "MEETING_CONVENED", "MEETING_HELD", "ACTION_ITEM");
        // Back to resolution, to finish and apply for closure; the action items are tracked on their own.
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
        assertThat(item.status()).isEqualTo("RESOLVING");
        called.complete("Task_CompleteActionItem", "justice1", "actionNote", "已组织调解，双方达成协议");
        assertThat(actions().get(0).get("state")).isEqualTo("DONE");
        item.complete("Task_Resolve", "c12-staff", "resolutionOutcome", "RESOLVED", "progressNote", "会议化解");
        assertThat(item.instance()).isWaitingAt("Task_RequestClosure");
    }

    @Test
    void unresolvedItClimbsCommunityStreetDistrictWithApprovalsAndEndsLongTerm() {
        escalate();
        meeting("c12-staff", "UNRESOLVED", "");
        assertThat(item.status()).isEqualTo("MEETING_STREET");
        // Up to the street tier: the community's leaders approve; the street center convenes.
        called.complete("Task_ApproveEscalation", "c12-leader", "approved", true, "approvalNote", "");
        meeting("center1", "UNRESOLVED", "");
        assertThat(item.status()).isEqualTo("MEETING_DISTRICT");
        assertThatThrownBy(() -> called.taskFor("Task_ApproveEscalation", "c12-leader")).isInstanceOf(AssertionError.class);
        called.complete("Task_ApproveEscalation", "leader1", "approved", true, "approvalNote", "");
        meeting("district1", "UNRESOLVED", "");
        assertThat(meetings()).extracting(m -> m.get("tier") + "/" + m.get("organiser") + "/" + m.get("approved_by"))
                .containsExactly("COMMUNITY/community-C12/null", "STREET/street-center/c12-leader",
                        "DISTRICT/district-meeting/leader1");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
        assertThat(item.item().get("long_term")).isEqualTo(true);
        assertThat(item.item().get("long_term_review_due")).isNotNull();
        assertThat(item.eventKinds()).contains("LONG_TERM");
        assertThat(item.status()).isEqualTo("RESOLVING");
    }

    @Test
    void aRejectedEscalationToTheStreetGoesBackToResolutionWithTheNote() {
        escalate();
        meeting("c12-staff", "RESOLVED", "");
        escalate();
        assertThat(item.status()).isEqualTo("MEETING_STREET");
        assertThatThrownBy(() -> called.complete("Task_ApproveEscalation", "c12-leader", "approved", false))
                .hasRootCauseInstanceOf(InvalidRequestException.class).hasMessageContaining("approvalNote");
        called.complete("Task_ApproveEscalation", "c12-leader", "approved", false, "approvalNote", "社区再做一次工作");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
        assertThat(item.variable("approvalNote")).isEqualTo("社区再做一次工作");
        assertThat(meetings()).hasSize(1);
        // Asked again, it is the street tier again (no street meeting was held).
        escalate();
        called.complete("Task_ApproveEscalation", "c12-leader", "approved", true, "approvalNote", "");
        assertThat(called.taskFor("Task_ConveneMeeting", "center1")).isNotNull();
    }

    @Test
    void aRejectedEscalationToTheDistrictGoesBackToResolution() {
        escalate();
        meeting("c12-staff", "UNRESOLVED", "");
        called.complete("Task_ApproveEscalation", "c12-leader", "approved", true, "approvalNote", "");
        meeting("center1", "UNRESOLVED", "");
        called.complete("Task_ApproveEscalation", "leader1", "approved", false, "approvalNote", "街道层面继续协调");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
        assertThat(item.variable("approvalNote")).isEqualTo("街道层面继续协调");
        assertThat(item.item().get("long_term")).isEqualTo(false);
        assertThat(meetings()).extracting(m -> m.get("tier")).containsExactly("COMMUNITY", "STREET");
    }

    @Test
    void aMeetingNotConvenedInTimeStartsSupervisionAgainstItsOrganiser() {
        escalate();
        var convene = called.taskFor("Task_ConveneMeeting", "c12-staff");
        // Three working days after Monday 10:00: due at the end of Thursday.
        assertThat(convene.getDueDate()).isEqualTo(java.util.Date.from(
                java.time.ZonedDateTime.parse("2026-11-27T00:00:00+08:00").toInstant()));
        called.fireAll("jointMeeting", "Timer_ConveneMissed");
        assertThat(jdbc.sql("select unit from supervision_record where number = ? and deadline = 'convene'")
                .param(item.number).query(String.class).list()).containsExactly("community-C12");
        assertThat(item.supervisions()).hasSize(1);
        assertThat(item.item().get("overdue")).isEqualTo(true);
        // Not convened a period later either: chased again, one rung higher.
        called.fireAll("jointMeeting", "Timer_ConveneMissed");
        assertThat(jdbc.sql("select miss_number from supervision_record where number = ? and deadline = 'convene' order by due_at")
                .param(item.number).query(Integer.class).list()).containsExactly(1, 2);
        assertThat(item.supervisions()).hasSize(2);
        meeting("c12-staff", "RESOLVED", "");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
    }

    @Test
    void aMissedActionItemStartsSupervisionAgainstItsOwner() {
        escalate();
        meeting("c12-staff", "RESOLVED", "派出所|2026-11-30|加强夜间巡逻");
        called.fireAll("meetingAction", "Timer_ActionItemDue");
        assertThat(actions()).singleElement().satisfies(a -> assertThat(a.get("state")).isEqualTo("OVERDUE"));
        assertThat(jdbc.sql("select unit from supervision_record where number = ? and deadline = 'action-item'")
                .param(item.number).query(String.class).list()).containsExactly("dept-police");
        assertThat(jdbc.sql("select unit from risk_item_event where number = ? and kind = 'ACTION_ITEM_OVERDUE'")
                .param(item.number).query(String.class).list()).containsExactly("dept-police");
        // Still to be done: the owner reports it done late.
        called.complete("Task_CompleteActionItem", "police1", "actionNote", "已加强巡逻");
        assertThat(actions().get(0).get("state")).isEqualTo("DONE");
    }

    @Test
    void badActionItemsAreRefusedNamingTheField() {
        escalate();
        called.complete("Task_ConveneMeeting", "c12-staff", "meetingAt", "2026-11-25T14:00", "place", "社区会议室");
        assertThatThrownBy(() -> called.complete("Task_RecordMinutes", "c12-staff", "attendees", "张三", "decisions", "调解",
                "actionItems", "无此单位|2026-12-05|调解\n司法所|2026-11-01|已过期", "meetingOutcome", "RESOLVED"))
                .hasRootCauseInstanceOf(InvalidRequestException.class).hasMessageContaining("actionItems");
        assertThat(actions()).isEmpty();
    }
}
