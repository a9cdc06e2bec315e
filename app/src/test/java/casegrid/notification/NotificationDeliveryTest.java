package casegrid.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.OutboxNodes;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications end to end on the real beans: events write the outbox in their transaction, the
 * app's worker delivers to a real SMTP server (GreenMail) and to HTTP stubs (WireMock) standing in
 * for the SMS gateway and the WeCom/DingTalk robots. The channels are pointed at the stubs through
 * the settings bean for the duration of each test and switched off again afterwards.
 */
@CasegridTest
class NotificationDeliveryTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    static WireMockExtension http = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String PARTY = "欧阳明月";
    static final String PARTY_PHONE = "13912345678";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired NotificationProperties settings;
    @Autowired NotificationWorker worker;
    @Autowired Notifications notifications;
    @Autowired List<ChannelSender> senders;
    @Autowired Contacts contacts;
    @Autowired PlatformTransactionManager transactions;
    @LocalServerPort int port;
    Scenario item;

    @BeforeEach
    void pointChannelsAtStubs() {
        Scenario.clockAt("2026-11-24T10:00:00+08:00");
        jdbc.sql("delete from notification_outbox").update();
        settings.getEmail().setHost("localhost");
        settings.getEmail().setPort(smtp.getSmtp().getPort());
        settings.getEmail().setFrom("casegrid@qf.example");
        settings.getSms().setUrl(http.baseUrl() + "/sms");
        settings.getSms().setToken("sms-token");
        settings.getRobots().put("community-C08", http.baseUrl() + "/wecom/C08");
        settings.getRobots().put("dept-justice", "dingtalk:" + http.baseUrl() + "/dingtalk/justice");
        settings.setBaseUrl("https://casegrid.qf.example/");
        jdbc.sql("update person_contact set phone = ? where user_id = ?").params("13700000008", "c08-staff").update();
        http.stubFor(post(urlPathEqualTo("/sms")).willReturn(okJson("{\"code\":0}")));
        http.stubFor(post(urlPathEqualTo("/wecom/C08")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        http.stubFor(post(urlPathEqualTo("/dingtalk/justice")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        item = new Scenario(engine, intake, jdbc);
    }

    @AfterEach
    void switchChannelsOff() {
        settings.getEmail().setHost("");
        settings.getSms().setUrl("");
        settings.getSms().setToken("");
        settings.getRobots().clear();
        settings.setBaseUrl("http://localhost:8080");
        settings.getWorker().setMaxAttempts(6);
        jdbc.sql("update person_contact set phone = null where user_id = ?").param("c08-staff").update();
        ClockUtil.reset();
    }

    /** An item in C08 whose title names its party and the party's phone, as careless reporters write. */
    void reportedWithPersonalDataInTheTitle() {
        item.intake("c08-grid1", Scenario.request("C08", PARTY + "与邻居漏水纠纷 " + PARTY_PHONE,
                "C08 幸福路" + System.nanoTime() + "号", PARTY, PARTY_PHONE, "DISPUTE", 2));
    }

    List<String> outbox(String kind) {
        return jdbc.sql("select channel || ':' || recipient from notification_outbox where number = ? and kind = ? order by id")
                .params(item.number, kind).query(String.class).list();
    }

    int drain() {
        int delivered = 0;
        for (int n = worker.deliverDue(); n > 0; n = worker.deliverDue()) {
            delivered += n;
        }
        return delivered;
    }

    @Test
    void aWaitingTaskReachesItsGroupByEmailSmsAndRobotWithNumberDeadlineAndLinkButNoPartyData() throws Exception {
        reportedWithPersonalDataInTheTitle();
        assertThat(outbox("TASK_WAITING")).contains("EMAIL:c08-staff", "SMS:c08-staff", "WECOM:community-C08");
        assertThat(drain()).isGreaterThanOrEqualTo(3);

        MimeMessage mail = List.of(smtp.getReceivedMessages()).stream()
                .filter(m -> recipients(m).contains("c08-staff" + DemoContacts.DEMO_DOMAIN)).findFirst().orElseThrow();
        String body = (String) mail.getContent();
        assertThat(mail.getSubject()).startsWith("【待办】" + item.number);
        assertThat(body).contains("待办：研判定级", "事项编号：" + item.number, "办理期限：",
                "详情：https://casegrid.qf.example/items/" + item.number);

        LoggedRequest sms = http.findAll(postRequestedFor(urlPathEqualTo("/sms"))).get(0);
        assertThat(sms.getHeader("Authorization")).isEqualTo("Bearer sms-token");
        JsonNode smsBody = json(sms.getBodyAsString());
        assertThat(smsBody.get("phone").asText()).isEqualTo("13700000008");
        assertThat(smsBody.get("text").asText()).contains(item.number, "/items/" + item.number);

        JsonNode robot = json(http.findAll(postRequestedFor(urlPathEqualTo("/wecom/C08"))).get(0).getBodyAsString());
        assertThat(robot.get("msgtype").asText()).isEqualTo("text");
        assertThat(robot.at("/text/content").asText()).contains(item.number, "/items/" + item.number);

        // What people read (mail, SMS text, robot text, the outbox) names no party and shows no phone
        // number; the raw requests carry no party data either (only the recipient's own number).
        List<String> texts = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            texts.add(m.getSubject() + "\n" + m.getContent());
        }
        http.findAll(postRequestedFor(urlPathEqualTo("/sms"))).forEach(r -> texts.add(json(r.getBodyAsString()).get("text").asText()));
        http.findAll(postRequestedFor(urlPathEqualTo("/wecom/C08")))
                .forEach(r -> texts.add(json(r.getBodyAsString()).at("/text/content").asText()));
        texts.addAll(jdbc.sql("select subject || body from notification_outbox").query(String.class).list());
        assertThat(texts).hasSizeGreaterThanOrEqualTo(4).allSatisfy(text -> assertThat(text)
                .doesNotContain(PARTY, PARTY_PHONE).doesNotContainPattern("(?<![0-9])1[0-9]{10}(?![0-9])"));
        assertThat(http.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getBodyAsString())
                .doesNotContain(PARTY, PARTY_PHONE));
    }

    @Test
    void eachCausingEventNotifiesItsPeopleOnce() throws Exception {
        item.planned("C08", "MEDIUM");

        // A missed deadline's reminder (催办) reaches the responsible community's robot and leader.
        item.fire("Timer_FeedbackOverdue");
        assertThat(outbox("REMINDER")).contains("WECOM:community-C08", "EMAIL:c08-leader");
        item.complete("Task_Feedback", "c08-staff", "feedbackNote", "已核实");

        // The whistle calls the justice office in: its DingTalk robot and its people.
        Scenario.clockAt("2026-11-27T10:00:00+08:00");
        item.complete("Task_Resolve", "c08-staff", "resolutionOutcome", "WHISTLE", "progressNote", "需部门介入",
                "departments", SpinValues.jsonValue("[\"dept-justice\"]").create());
        assertThat(outbox("WHISTLE_CALL")).containsExactlyInAnyOrder("EMAIL:justice1", "DINGTALK:dept-justice");

        drain();
        JsonNode ding = http.findAll(postRequestedFor(urlPathEqualTo("/dingtalk/justice"))).stream()
                .map(r -> json(r.getBodyAsString())).filter(j -> j.at("/text/content").asText().startsWith("【吹哨报到】"))
                .findFirst().orElseThrow();
        assertThat(ding.get("msgtype").asText()).isEqualTo("text");
        assertThat(ding.at("/text/content").asText()).contains("吹哨报到", item.number, "办理期限：2026-11-28 10:00");
        assertThat(ding.at("/at/isAtAll").asBoolean()).isFalse();

        // The same occurrences published again reach nobody twice.
        int before = jdbc.sql("select count(*) from notification_outbox").query(Integer.class).single();
        long whistleId = jdbc.sql("select id from whistle where number = ?").param(item.number).query(Long.class).single();
        notifications.whistleCall(whistleId, item.number, "dept-justice", "司法所", new Date());
        assertThat(jdbc.sql("select count(*) from notification_outbox").query(Integer.class).single()).isEqualTo(before);
    }

    @Test
    void eachRungOfTheSupervisionLadderReachesTheUnitAndItsLeaderOnce() {
        item.planned("C08", "LOW");
        item.fire("Timer_FeedbackOverdue").fire("Timer_FeedbackOverdue");
        Task issue = engine.getTaskService().createTaskQuery().processDefinitionKey("supervision")
                .processInstanceBusinessKey(item.number).taskDefinitionKey("Task_IssueSupervision").singleResult();
        engine.getTaskService().complete(issue.getId(), Map.of("supervisionNotice", "请于两日内反馈"));
        item.fire("Timer_FeedbackOverdue");
        for (String rung : List.of("REMINDER", "SUPERVISION", "PUBLIC_NOTICE")) {
            assertThat(outbox(rung)).as(rung).containsExactlyInAnyOrder("WECOM:community-C08", "EMAIL:c08-leader");
        }
        Scenario.clockAt("2026-12-31T10:00:00+08:00"); // out of quiet hours, whenever the last miss fell
        drain();
        assertThat(http.findAll(postRequestedFor(urlPathEqualTo("/wecom/C08"))).stream()
                .map(r -> json(r.getBodyAsString()).at("/text/content").asText()))
                .anySatisfy(text -> assertThat(text).startsWith("【督办】督办：T+2 预警反馈已超期").contains(item.number))
                .anySatisfy(text -> assertThat(text).startsWith("【通报】"))
                .noneSatisfy(text -> assertThat(text).contains("请于两日内反馈"));
    }

    @Test
    void theReportingGridWorkerHearsTheOutcomeWhenTheItemIsClosed() throws Exception {
        item.planned("C08", "LOW");
        item.complete("Task_Feedback", "c08-staff", "feedbackNote", "已核实");
        item.complete("Task_Resolve", "c08-staff", "resolutionOutcome", "RESOLVED", "progressNote", "签订调解协议");
        item.complete("Task_RequestClosure", "c08-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "调解协议书", "noEvidenceReason", "纸质材料在社区存档");
        item.complete("Task_ApproveClosure", "c08-leader", "approved", true, "approvalNote", "同意");
        assertThat(outbox("OUTCOME")).containsExactly("EMAIL:c08-grid1");
        drain();
        MimeMessage mail = List.of(smtp.getReceivedMessages()).stream()
                .filter(m -> recipients(m).contains("c08-grid1" + DemoContacts.DEMO_DOMAIN)).findFirst().orElseThrow();
        assertThat((String) mail.getContent()).contains("已办结销号", "合理诉求已解决", item.number);
    }

    @Test
    void aRefusedDeliveryIsRetriedWithBackoffAndDeliveredExactlyOnce() {
        http.stubFor(post(urlPathEqualTo("/wecom/C08")).inScenario("flaky")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(serverError()).willSetStateTo("up"));
        http.stubFor(post(urlPathEqualTo("/wecom/C08")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        robotNotice("flaky", null);

        assertThat(worker.deliverDue()).isZero();
        Map<String, Object> row = jdbc.sql("select status, attempts, next_attempt_at, last_error from notification_outbox")
                .query().singleRow();
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("last_error").toString()).contains("HTTP 500");
        assertThat(((java.sql.Timestamp) row.get("next_attempt_at")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-11-24T10:01:00+08:00").toInstant());

        Scenario.clockAt("2026-11-24T10:00:30+08:00");
        assertThat(worker.deliverDue()).as("still backing off").isZero();
        Scenario.clockAt("2026-11-24T10:01:00+08:00");
        assertThat(worker.deliverDue()).isEqualTo(1);
        Scenario.clockAt("2026-11-24T12:00:00+08:00");
        assertThat(worker.deliverDue()).isZero();

        http.verify(2, postRequestedFor(urlPathEqualTo("/wecom/C08")));
        assertThat(jdbc.sql("select status from notification_outbox").query(String.class).single()).isEqualTo("SENT");
    }

    @Test
    void aRowWhoseNodeDiedMidDeliveryIsLeftForReviewNotResent() {
        robotNotice("orphan", null);
        // A node claimed the row and died before it could record the outcome; its lease has run out.
        jdbc.sql("""
                update notification_outbox set status = 'SENDING', attempts = 1, locked_by = 'dead-node',
                       locked_until = ? where dedupe_key like 'orphan|%'""")
                .param(java.sql.Timestamp.from(OffsetDateTime.parse("2026-11-24T09:59:00+08:00").toInstant())).update();
        assertThat(worker.deliverDue()).isZero();
        assertThat(http.getAllServeEvents()).isEmpty();
        assertThat(statusOf(null)).isEqualTo("FAILED");
        assertThat(new Http(port).as("admin").get("/api/notifications/failed").json())
                .anySatisfy(n -> assertThat(n.get("lastError").asText()).contains("投递结果未知"));
    }

    /** A node killed while sending leaves in doubt only the message it was sending, not the rest of its batch. */
    @Test
    void aNodeKilledMidBatchLeavesOnlyTheMessageInFlightInDoubt() {
        for (int i = 0; i < 3; i++) {
            robotNotice("batch-" + i, null);
        }
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
        ChannelSender killedWhileSending = new ChannelSender() {
            @Override
            public java.util.Set<Channel> channels() {
                return java.util.EnumSet.allOf(Channel.class);
            }

            @Override
            public void send(Channel channel, String address, String subject, String body) {
                throw new KilledNode();
            }
        };
        NotificationWorker doomed = new NotificationWorker(jdbc, settings, List.of(killedWhileSending), contacts, clock, "doomed");
        assertThatThrownBy(doomed::deliverDue).isInstanceOf(KilledNode.class);
        assertThat(jdbc.sql("select count(*) from notification_outbox where status = 'SENDING'").query(Integer.class).single())
                .isEqualTo(1);

        // The survivor sends the rest at once; the one in flight waits for its lease, then for an administrator.
        assertThat(worker.deliverDue()).isEqualTo(2);
        ClockUtil.setCurrentTime(java.util.Date.from(clock.instant().plus(settings.getWorker().getLease()).plusSeconds(1)));
        assertThat(worker.deliverDue()).isZero();
        assertThat(jdbc.sql("select status from notification_outbox order by id").query(String.class).list())
                .containsExactlyInAnyOrder("SENT", "SENT", "FAILED");
        http.verify(2, postRequestedFor(urlPathEqualTo("/wecom/C08")));
    }

    /** Stands for SIGKILL: an Error the worker does not catch, so nothing is recorded after it. */
    static final class KilledNode extends Error {
    }

    @Test
    void twoWorkersOnOneDatabaseDeliverEachNotificationOnce() throws Exception {
        int notices = 40;
        for (int i = 0; i < notices; i++) {
            robotNotice("concurrent-" + i, null);
        }
        settings.getWorker().setBatchSize(3);
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
        NotificationWorker nodeA = new NotificationWorker(jdbc, settings, senders, contacts, clock, "node-a");
        NotificationWorker nodeB = new NotificationWorker(jdbc, settings, senders, contacts, clock, "node-b");
        try {
            assertThat(OutboxNodes.drainTogether(List.of(nodeA::deliverDue, nodeB::deliverDue))).isEqualTo(notices);
        } finally {
            settings.getWorker().setBatchSize(20);
        }
        List<String> delivered = http.findAll(postRequestedFor(urlPathEqualTo("/wecom/C08"))).stream()
                .map(r -> json(r.getBodyAsString()).at("/text/content").asText().lines().findFirst().orElseThrow())
                .toList();
        assertThat(delivered).hasSize(notices).doesNotHaveDuplicates();
        assertThat(jdbc.sql("select distinct locked_by from notification_outbox where status = 'SENT'").query(String.class).list())
                .isSubsetOf("node-a", "node-b");
    }

    /** The mechanism under the test above, made deterministic: a row another node holds is skipped, not waited for. */
    @Test
    void aRowHeldByAnotherNodeIsSkippedNotWaitedFor() throws Exception {
        robotNotice("held", null);
        robotNotice("free", null);
        ExecutorService otherNode = Executors.newSingleThreadExecutor();
        try {
            new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                jdbc.sql("select id from notification_outbox where dedupe_key like 'held|%' for update").query(Long.class).single();
                Future<Integer> delivered = otherNode.submit(worker::deliverDue);
                try {
                    assertThat(delivered.get(20, TimeUnit.SECONDS)).isEqualTo(1);
                } catch (Exception e) {
                    throw new AssertionError("the worker waited for a row another node holds", e);
                }
            });
        } finally {
            otherNode.shutdownNow();
        }
        assertThat(jdbc.sql("select status from notification_outbox where dedupe_key like 'held|%'").query(String.class).single())
                .isEqualTo("PENDING");
        assertThat(worker.deliverDue()).isEqualTo(1);
    }

    @Test
    void quietHoursHoldBackAllButHighItemsUntilMorning() {
        item.planned("C08", "HIGH");
        String high = item.number;
        Scenario low = new Scenario(engine, intake, jdbc).planned("C08", "LOW");
        jdbc.sql("delete from notification_outbox").update();
        robotNotice("night-high", high);
        robotNotice("night-low", low.number);

        NotificationWorker atNight = new NotificationWorker(jdbc, settings, senders, contacts,
                Clock.fixed(OffsetDateTime.parse("2026-11-24T23:00:00+08:00").toInstant(), ZoneOffset.UTC), "night");
        assertThat(atNight.deliverDue()).isEqualTo(1);
        assertThat(statusOf(high)).isEqualTo("SENT");
        assertThat(statusOf(low.number)).isEqualTo("PENDING");
        NotificationWorker earlyMorning = new NotificationWorker(jdbc, settings, senders, contacts,
                Clock.fixed(OffsetDateTime.parse("2026-11-25T07:29:00+08:00").toInstant(), ZoneOffset.UTC), "dawn");
        assertThat(earlyMorning.deliverDue()).isZero();
        NotificationWorker morning = new NotificationWorker(jdbc, settings, senders, contacts,
                Clock.fixed(OffsetDateTime.parse("2026-11-25T07:30:00+08:00").toInstant(), ZoneOffset.UTC), "morning");
        assertThat(morning.deliverDue()).isEqualTo(1);
        assertThat(statusOf(low.number)).isEqualTo("SENT");
    }

    @Test
    void administratorsSeeFailedNotificationsAndRetryThemOthersAreRefused() {
        settings.getWorker().setMaxAttempts(1);
        http.stubFor(post(urlPathEqualTo("/wecom/C08")).willReturn(okJson("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")));
        robotNotice("refused", null);
        assertThat(worker.deliverDue()).isZero();
        long id = jdbc.sql("select id from notification_outbox").query(Long.class).single();

        Http admin = new Http(port).as("admin");
        JsonNode failed = admin.get("/api/notifications/failed").json();
        assertThat(failed).anySatisfy(n -> {
            assertThat(n.get("id").asLong()).isEqualTo(id);
            assertThat(n.get("channel").asText()).isEqualTo("WECOM");
            assertThat(n.get("lastError").asText()).contains("93000");
        });

        for (String user : List.of("c08-staff", "center1", "leader1")) {
            Http.Response list = new Http(port).as(user).get("/api/notifications/failed");
            assertThat(list.status()).as(user).isEqualTo(403);
            assertThat(list.header("Content-Type")).startsWith("application/problem+json");
            assertThat(new Http(port).as(user).postJson("/api/notifications/" + id + "/retry", "{}").status()).isEqualTo(403);
        }
        assertThat(new Http(port).get("/api/notifications/failed").status()).isEqualTo(401);
        assertThat(statusOf(null)).isEqualTo("FAILED");

        http.stubFor(post(urlPathEqualTo("/wecom/C08")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        assertThat(admin.postJson("/api/notifications/" + id + "/retry", "{}").status()).isEqualTo(200);
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(statusOf(null)).isEqualTo("SENT");
        assertThat(admin.postJson("/api/notifications/" + id + "/retry", "{}").status()).isEqualTo(409);
        assertThat(admin.postJson("/api/notifications/999999999/retry", "{}").status()).isEqualTo(404);
        assertThat(admin.get("/api/notifications/failed").json()).noneSatisfy(n -> assertThat(n.get("id").asLong()).isEqualTo(id));
    }

    @Test
    void withNoChannelConfiguredNothingIsWrittenOrSent() {
        switchChannelsOff();
        Scenario.clockAt("2026-11-24T10:00:00+08:00");
        item.planned("C08", "MEDIUM");
        assertThat(jdbc.sql("select count(*) from notification_outbox").query(Integer.class).single()).isZero();
        assertThat(worker.deliverDue()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(http.getAllServeEvents()).isEmpty();
    }

    void robotNotice(String key, String number) {
        assertThat(notifications.publish(new Notice(Notice.Kind.REMINDER, key, number, "测试 " + key, null, List.of(),
                List.of("community-C08")))).isEqualTo(1);
    }

    String statusOf(String number) {
        return number == null
                ? jdbc.sql("select status from notification_outbox where number is null").query(String.class).single()
                : jdbc.sql("select status from notification_outbox where number = ?").param(number).query(String.class).single();
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> recipients(MimeMessage message) {
        try {
            return java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
