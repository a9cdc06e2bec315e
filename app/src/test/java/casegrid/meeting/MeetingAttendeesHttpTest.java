package casegrid.meeting;

import static casegrid.support.Http.refusedFields;
import static casegrid.support.Http.variables;
import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CalledWork;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 参会人员 of a joint meeting's minutes: picked from the people who may attend that meeting (its tier's
 * community and street people, the invited departments' people; labelled "姓名（单位）"), plus others
 * written as text; an API client may still send the attendees as text alone (CONTRACT.md). The stored
 * attendees and the task's {@code attendees} variable are the picked people's labels and the others.
 */
@CasegridTest
class MeetingAttendeesHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    Scenario item;
    CalledWork called;

    @BeforeEach
    void anItemOfC14AtItsCommunityMeeting() {
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        item = new Scenario(engine, intake, jdbc).planned("C14", "MEDIUM");
        called = new CalledWork(engine, item);
        item.complete("Task_Resolve", "c14-staff", "resolutionOutcome", "ESCALATE", "progressNote", "多次调解未果");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    void convene(String organiser, String invited) {
        called.complete("Task_ConveneMeeting", organiser, "meetingAt", "2026-11-25T14:00", "place", "社区会议室",
                "invitedDepartments", invited);
    }
    /** The minutes as Tasklist submits them: the taglist as a Json array, the other fields as text. */
    static Map<String, Object> minutes(List<String> staff, String others) throws Exception {
        Map<String, Object> answers = variables("attendees", others, "decisions", "由司法所牵头再次调解",
                "meetingOutcome", "RESOLVED");
        if (staff != null) {
            answers.put("attendingStaff", Map.of("value", JSON.writeValueAsString(staff), "type", "Json"));
        }
        return Map.of("variables", answers);
    }

    List<String> storedAttendees() {
        return jdbc.sql("select a.name from meeting_attendee a join meeting m on m.id = a.meeting_id where m.number = ? order by a.id")
                .param(item.number).query(String.class).list();
    }

    String attendeesVariable() {
        var history = engine.getHistoryService();
        String meeting = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(item.number)
                .processDefinitionKey("jointMeeting").singleResult().getId();
        return (String) history.createHistoricVariableInstanceQuery().processInstanceId(meeting).variableName("attendees")
                .singleResult().getValue();
    }

    @Test
    void theCommunityMeetingOffersItsCommunityAndTheInvitedDepartmentsAndStoresTheirNamesWithTheOthers() throws Exception {
        convene("c14-staff", "dept-justice,dept-housing");
        Http staff = new Http(port).as("c14-staff");
        String task = called.taskFor("Task_RecordMinutes", "c14-staff").getId();

        Map<String, String> people = staff.offeredOptions(task, "attendeeOptions");
        assertThat(people).containsKeys("c14-leader", "c14-staff", "c14-grid1", "justice1", "housing1")
                .doesNotContainKeys("c13-staff", "police1", "center1", "leader1", "district1", "admin");
        assertThat(people.get("justice1")).endsWith("（司法所）");
        assertThat(people.get("c14-leader")).matches("[^（]+（.+）");

        String submit = "/engine-rest/task/" + task + "/submit-form";
        // Someone who may not attend this meeting, or no one at all: 400 naming the field, nothing written.
        assertThat(refusedFields(staff.postJson(submit, minutes(List.of("c14-leader", "c13-staff"), "")))).containsExactly("attendingStaff");
        assertThat(refusedFields(staff.postJson(submit, minutes(List.of(), "")))).containsExactly("attendees");
        assertThat(storedAttendees()).isEmpty();
        assertThat(called.taskFor("Task_RecordMinutes", "c14-staff")).isNotNull();

        Http.Response done = staff.postJson(submit, minutes(List.of("c14-leader", "justice1"), "居民代表2名\n律师1名"));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        List<String> expected = List.of(people.get("c14-leader"), people.get("justice1"), "居民代表2名", "律师1名");
        assertThat(storedAttendees()).containsExactlyElementsOf(expected);
        assertThat(attendeesVariable()).isEqualTo(String.join("、", expected));
        assertThat(item.eventKinds()).contains("MEETING_HELD");
    }

    @Test
    void anApiClientStillSendsTheAttendeesAsTextAlone() {
        convene("c14-staff", "dept-justice");
        Http staff = new Http(port).as("c14-staff");
        String task = called.taskFor("Task_RecordMinutes", "c14-staff").getId();
        Http.Response done = staff.postJson("/engine-rest/task/" + task + "/complete", Map.of("variables",
                variables("attendees", "社区书记 张三\n司法所 王五、住建 赵六", "decisions", "再次调解", "meetingOutcome", "RESOLVED")));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        assertThat(storedAttendees()).containsExactly("社区书记 张三", "司法所 王五", "住建 赵六");
    }

    @Test
    void theStreetMeetingAddsTheStreetCenterAndLeadersAndTheDistrictMeetingItsMembers() throws Exception {
        convene("c14-staff", "");
        called.complete("Task_RecordMinutes", "c14-staff", "attendees", "社区书记", "decisions", "提交街道",
                "meetingOutcome", "UNRESOLVED");
        called.complete("Task_ApproveEscalation", "c14-leader", "approved", true, "approvalNote", "");
        convene("center1", "dept-police");
        Http center = new Http(port).as("center1");
        Map<String, String> street = center.offeredOptions(called.taskFor("Task_RecordMinutes", "center1").getId(), "attendeeOptions");
        assertThat(street).containsKeys("c14-leader", "c14-staff", "police1", "center1", "leader1")
                .doesNotContainKeys("justice1", "district1", "c13-leader");

        called.complete("Task_RecordMinutes", "center1", "attendingStaff", "center1,police1", "decisions", "提交区级",
                "meetingOutcome", "UNRESOLVED");
        called.complete("Task_ApproveEscalation", "leader1", "approved", true, "approvalNote", "");
        convene("district1", "");
        Map<String, String> district = new Http(port).as("district1")
                .offeredOptions(called.taskFor("Task_RecordMinutes", "district1").getId(), "attendeeOptions");
        assertThat(district).containsKeys("c14-leader", "center1", "leader1", "district1").doesNotContainKeys("police1");
    }
}
