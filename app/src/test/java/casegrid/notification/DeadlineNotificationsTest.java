package casegrid.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.meeting.MeetingInvitations;
import casegrid.supervision.OverdueTaskSweeper;
import casegrid.support.CalledWork;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The deadline notices of issue 12 on the real beans, driven by the engine clock: a deadline approaching
 * (once per due date), missed (once per miss), the working-day digest and the meeting invitation, each
 * delivered to GreenMail and a WireMock robot, and none naming a party or showing a phone number.
 */
@CasegridTest
class DeadlineNotificationsTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    static WireMockExtension http = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final java.util.concurrent.atomic.AtomicInteger TESTS = new java.util.concurrent.atomic.AtomicInteger();
    // A party of its own per test, so no report looks like a repeat of another (repeats go to the center).
    final int n = TESTS.incrementAndGet();
    final String PARTY = List.of("司马长风", "欧阳春晓", "上官飞燕", "诸葛明远", "慕容秋水", "东方既白").get(n % 6);
    final String PARTY_PHONE = "1381234567" + (n % 10);
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired NotificationProperties settings;
    @Autowired NotificationWorker worker;
    @Autowired DeadlineNotices deadlines;
    @Autowired DailyDigest digest;
    @Autowired OverdueTaskSweeper sweeper;
    @Autowired MeetingInvitations invitations;
    Scenario item;

    @BeforeEach
    void pointChannelsAtStubs() {
        // Monday
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        jdbc.sql("delete from notification_outbox").update();
        settings.getEmail().setHost("localhost");
        settings.getEmail().setPort(smtp.getSmtp().getPort());
        settings.getRobots().put("community-C03", http.baseUrl() + "/wecom/C03");
        settings.getRobots().put("dept-justice", "dingtalk:" + http.baseUrl() + "/dingtalk/justice");
        http.stubFor(post(urlPathEqualTo("/wecom/C03")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        http.stubFor(post(urlPathEqualTo("/dingtalk/justice")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        item = new Scenario(engine, intake, jdbc);
    }

    @AfterEach
    void switchChannelsOff() {
        settings.getEmail().setHost("");
        settings.getRobots().clear();
        ClockUtil.reset();
    }

    void reportedInC03WithPersonalDataInTheTitle() {
        item.intake("c03-grid1", Scenario.request("C03", PARTY + "家漏水纠纷 " + PARTY_PHONE,
                "C03 幸福路" + System.nanoTime() + "号", PARTY, PARTY_PHONE, "DISPUTE", 2));
    }

    List<String> outbox(String kind) {
        return jdbc.sql("select channel || ':' || recipient from notification_outbox where number = ? and kind = ? order by id")
                .params(item.number, kind).query(String.class).list();
    }

    String body(String kind, String recipient) {
        // This test's item's notice; a digest concerns no one item.
        return jdbc.sql("""
                select subject || '\n' || body from notification_outbox
                where kind = ? and recipient = ? and channel = 'EMAIL' and (number = ? or number is null)""")
                .params(kind, recipient, item.number).query(String.class).single();
    }

    void drain() {
        for (int n = worker.deliverDue(); n > 0; n = worker.deliverDue()) {
            // until nothing is due
        }
    }

    /** Everything people read, mail and robot texts and the outbox, is free of the party's name and phone. */
    void nothingNamesTheParty() throws Exception {
        drain();
        List<String> texts = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            texts.add(m.getSubject() + "\n" + m.getContent());
        }
        http.getAllServeEvents().forEach(e -> texts.add(e.getRequest().getBodyAsString()));
        texts.addAll(jdbc.sql("select subject || body from notification_outbox").query(String.class).list());
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(PARTY, PARTY_PHONE)
                .doesNotContainPattern("(?<![0-9])1[0-9]{10}(?![0-9])"));
    }

    static Date at(String iso) {
        return Date.from(OffsetDateTime.parse(iso).toInstant());
    }

    @Test
    void anApproachingDeadlineIsAnnouncedOnceAndAgainWhenTheDueDateChanges() throws Exception {
        reportedInC03WithPersonalDataInTheTitle();
        Task grade = item.task("Task_Grade");
        assertThat(grade.getDueDate()).isEqualTo(at("2026-11-26T00:00:00+08:00"));

        Scenario.clockAt("2026-11-25T19:59:00+08:00");
        deadlines.sweepApproaching();
        assertThat(outbox("DEADLINE_APPROACHING")).as("more than four hours ahead").isEmpty();

        Scenario.clockAt("2026-11-25T20:00:00+08:00");
        deadlines.sweepApproaching();
        Scenario.clockAt("2026-11-25T21:00:00+08:00");
        deadlines.sweepApproaching();
        assertThat(outbox("DEADLINE_APPROACHING")).as("the group's people and its robot, once")
                .containsOnlyOnce("EMAIL:c03-staff", "WECOM:community-C03").doesNotContain("EMAIL:c03-leader");
        assertThat(body("DEADLINE_APPROACHING", "c03-staff"))
                .contains("即将到期：研判定级", item.number, "办理期限：2026-11-26 00:00", "/items/" + item.number);

        // The deadline moves: the new due date is announced again, once.
        grade.setDueDate(at("2026-11-26T01:00:00+08:00"));
        engine.getTaskService().saveTask(grade);
        deadlines.sweepApproaching();
        deadlines.sweepApproaching();
        assertThat(outbox("DEADLINE_APPROACHING").stream().filter("EMAIL:c03-staff"::equals)).hasSize(2);
        nothingNamesTheParty();
    }

    @Test
    void aMissedDeadlineTellsTheHolderAndItsLeadersOncePerMiss() throws Exception {
        reportedInC03WithPersonalDataInTheTitle();
        Scenario.clockAt("2026-11-26T00:01:00+08:00");
        sweeper.sweep();
        sweeper.sweep();
        assertThat(outbox("DEADLINE_MISSED")).containsOnlyOnce("EMAIL:c03-staff", "EMAIL:c03-leader", "WECOM:community-C03");
        assertThat(body("DEADLINE_MISSED", "c03-leader")).contains("已超期：研判定级，第 1 次超期", item.number);

        Scenario.clockAt("2026-11-27T08:00:00+08:00");
        sweeper.sweep();
        assertThat(outbox("DEADLINE_MISSED").stream().filter("EMAIL:c03-leader"::equals)).as("the second miss").hasSize(2);
        nothingNamesTheParty();
    }

    @Test
    void aModelTimersMissTellsTheUnitAndItsLeadersOnce() {
        item.planned("C03", "LOW");
        item.fire("Timer_FeedbackOverdue");
        assertThat(outbox("DEADLINE_MISSED")).containsOnlyOnce("EMAIL:c03-leader", "WECOM:community-C03");
    }

    @Test
    void theDigestListsEachPersonsDueAndOverdueTasksOnWorkingDaysOnly() throws Exception {
        reportedInC03WithPersonalDataInTheTitle();
        Scenario other = new Scenario(engine, intake, jdbc).intake("c05-grid1", Scenario.neighbourDispute("C05"));
        jdbc.sql("insert into person_contact (user_id, email, notify_email, notify_sms) values ('digest-idle', 'idle@demo.casegrid.invalid', true, false) on conflict do nothing").update();

        // Wednesday 08:30: grading is due by the end of the day.
        Scenario.clockAt("2026-11-25T08:30:00+08:00");
        assertThat(digest.send(LocalDate.of(2026, 11, 25))).isPositive();
        String wednesday = body("DAILY_DIGEST", "c03-staff");
        assertThat(wednesday).startsWith("【每日待办汇总】今日到期").contains("今日到期｜" + item.number + " 研判定级｜期限 11-26 00:00")
                .doesNotContain(other.number, "办理期限");
        assertThat(body("DAILY_DIGEST", "c05-staff")).contains(other.number).doesNotContain(item.number);
        assertThat(jdbc.sql("select count(*) from notification_outbox where recipient = 'digest-idle'").query(Integer.class).single())
                .as("nobody without tasks hears of it").isZero();
        int rows = jdbc.sql("select count(*) from notification_outbox where kind = 'DAILY_DIGEST'").query(Integer.class).single();
        digest.send(LocalDate.of(2026, 11, 25));
        assertThat(jdbc.sql("select count(*) from notification_outbox where kind = 'DAILY_DIGEST'").query(Integer.class).single())
                .as("once per person and day").isEqualTo(rows);

        // Saturday and New Year's Day: no digest at all.
        Scenario.clockAt("2026-11-28T08:30:00+08:00");
        assertThat(digest.send(LocalDate.of(2026, 11, 28))).isZero();
        Scenario.clockAt("2027-01-01T08:30:00+08:00");
        assertThat(digest.send(LocalDate.of(2027, 1, 1))).isZero();
        assertThat(jdbc.sql("select count(*) from notification_outbox where kind = 'DAILY_DIGEST'").query(Integer.class).single())
                .isEqualTo(rows);

        // Friday: the grading is overdue.
        jdbc.sql("delete from notification_outbox").update();
        Scenario.clockAt("2026-11-27T08:30:00+08:00");
        digest.send(LocalDate.of(2026, 11, 27));
        assertThat(body("DAILY_DIGEST", "c03-staff")).contains("已超期｜" + item.number + " 研判定级");

        drain();
        MimeMessage mail = List.of(smtp.getReceivedMessages()).stream()
                .filter(m -> recipients(m).contains("c03-staff" + DemoContacts.DEMO_DOMAIN)).findFirst().orElseThrow();
        assertThat(mail.getSubject()).startsWith("【每日待办汇总】今日到期").doesNotContain("\n");
        nothingNamesTheParty();
        jdbc.sql("delete from person_contact where user_id = 'digest-idle'").update();
    }

    @Test
    void aConvenedMeetingInvitesItsDepartmentsAndTheCommunityWithTimeAndPlace() throws Exception {
        reportedInC03WithPersonalDataInTheTitle();
        item.complete("Task_Grade", "c03-staff", "riskLevel", "MEDIUM", "fixableNow", false, "gradeReason", "现场核实");
        item.complete("Task_Plan", "c03-staff", "responsibleUnit", "community-C03", "responsibleLeader", "c03-leader",
                "investigator", "c03-grid1", "resolver", "c03-staff", "stabiliser", "c03-grid2", "dispatcher", "center1",
                "measures", "组织双方调解。", "resolveBy", "");
        item.complete("Task_Feedback", "c03-staff", "feedbackNote", "已核实");
        item.complete("Task_Resolve", "c03-staff", "resolutionOutcome", "ESCALATE", "progressNote", "多次调解未果");
        new CalledWork(engine, item).complete("Task_ConveneMeeting", "c03-staff", "meetingAt", "2026-11-25T14:00",
                "place", "社区二楼会议室", "invitedDepartments", "dept-justice");

        assertThat(outbox("MEETING_INVITATION")).containsOnlyOnce("EMAIL:justice1", "DINGTALK:dept-justice",
                "EMAIL:c03-leader", "WECOM:community-C03");
        assertThat(body("MEETING_INVITATION", "justice1")).startsWith("【会议邀请】" + item.number)
                .contains("社区联席会议定于 2026-11-25 14:00 在社区二楼会议室召开", "/items/" + item.number);

        // Convened again at another time: invited again, once.
        long meetingId = jdbc.sql("select id from meeting where number = ?").param(item.number).query(Long.class).single();
        for (int i = 0; i < 2; i++) {
            invitations.invite(meetingId, item.number, "社区", at("2026-11-26T09:00:00+08:00"), "社区二楼会议室",
                    List.of("dept-justice"));
        }
        assertThat(outbox("MEETING_INVITATION").stream().filter("EMAIL:justice1"::equals)).hasSize(2);

        drain();
        String ding = http.findAll(postRequestedFor(urlPathEqualTo("/dingtalk/justice"))).stream()
                .map(r -> json(r.getBodyAsString()).at("/text/content").asText())
                .filter(text -> text.startsWith("【会议邀请】")).findFirst().orElseThrow();
        assertThat(ding).contains("2026-11-25 14:00", "社区二楼会议室", item.number);
        nothingNamesTheParty();
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to == null ? List.of() : java.util.Arrays.stream(to).map(Address::toString).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
