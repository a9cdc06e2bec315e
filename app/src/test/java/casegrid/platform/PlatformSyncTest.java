package casegrid.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.OutboxNodes;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sync with the city dispute platform, both ways, over real HTTP: the platform's service account
 * pushes work orders to POST /api/risk-items, and the app's worker posts the item's events to a
 * WireMock stub standing in for the platform, pointed at through the settings bean for each test.
 */
@CasegridTest
class PlatformSyncTest {

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String EVENTS = "/dispute/events";
    static final String PARTY = "欧阳明月";
    static final String PARTY_PHONE = "13912345678";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformProperties settings;
    @Autowired PlatformSyncWorker worker;
    @LocalServerPort int port;

    @BeforeEach
    void pointThePlatformAtTheStub() {
        Scenario.clockAt("2026-11-24T10:00:00+08:00");
        jdbc.sql("delete from platform_outbox").update();
        settings.setUrl(platform.baseUrl() + EVENTS);
        settings.setToken("platform-token");
        platform.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"accepted\":true}")));
    }

    @AfterEach
    void switchThePlatformOff() {
        settings.setUrl("");
        settings.setToken("");
        settings.getWorker().setMaxAttempts(10);
        settings.getWorker().setBatchSize(20);
        ClockUtil.reset();
    }

    /** A work order as the platform pushes it; the title and description name a party, as they often do. */
    static Map<String, Object> workOrder(String community, String externalId, String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", PARTY + "与邻居漏水纠纷");
        body.put("description", "来电人" + PARTY + "（" + PARTY_PHONE + "）反映楼上住户长期漏水。");
        body.put("category", category);
        body.put("subcategory", "邻里纠纷");
        body.put("source", "PLATFORM");
        body.put("community", community);
        body.put("grid", community + "-G3");
        body.put("address", community + " 和平路" + System.nanoTime() + "号");
        body.put("occurredAt", "2026-11-20T09:30:00+08:00");
        body.put("peopleInvolved", 2);
        body.put("parties", List.of(Map.of("name", PARTY, "phone", PARTY_PHONE, "role", "来电人")));
        if (externalId != null) {
            body.put("externalId", externalId);
        }
        return body;
    }

    Http.Response push(Map<String, Object> order) {
        return new Http(port).as("platform1").postJson("/api/risk-items", order);
    }

    int drain() {
        int delivered = 0;
        for (int n = worker.deliverDue(); n > 0; n = worker.deliverDue()) {
            delivered += n;
        }
        return delivered;
    }

    /** What the platform received for the item, in the order it arrived (WireMock's findAll lists the oldest first). */
    List<LoggedRequest> posted(String number) {
        return platform.findAll(postRequestedFor(urlPathEqualTo(EVENTS))).stream()
                .filter(r -> r.getHeader("Idempotency-Key").startsWith(number + ":")).toList();
    }

    List<String> outbox(String number) {
        return jdbc.sql("select event from platform_outbox where number = ? order by id").param(number)
                .query(String.class).list();
    }

    long items() {
        return jdbc.sql("select count(*) from risk_item").query(Long.class).single();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Grades, plans, resolves and writes off the item the way Scenario.planned and the closure tests do. */
    Scenario closed(String number, String community) {
        String c = community.toLowerCase();
        Scenario item = new Scenario(engine, intake, jdbc);
        item.number = number;
        item.complete("Task_Grade", c + "-staff", "riskLevel", "MEDIUM", "fixableNow", false, "gradeReason", "现场核实后调整");
        item.complete("Task_Plan", c + "-staff", "responsibleUnit", "community-" + community, "responsibleLeader",
                c + "-leader", "investigator", c + "-grid1", "resolver", c + "-staff", "stabiliser", c + "-grid2",
                "dispatcher", "center1", "measures", "组织双方调解。", "resolveBy", "");
        item.complete("Task_Feedback", c + "-staff", "feedbackNote", "已核实");
        item.complete("Task_Resolve", c + "-staff", "resolutionOutcome", "RESOLVED", "progressNote", "签订调解协议");
        item.complete("Task_RequestClosure", c + "-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "调解协议书", "noEvidenceReason", "纸质材料在社区存档");
        item.complete("Task_ApproveClosure", c + "-leader", "approved", true, "approvalNote", "同意");
        return item;
    }

    @Test
    void aPushedDisputeIsPostedOnceForEachOfItsEventsWithItsKeyAndTheClosedEventCarriesTheWorkOrder() {
        String externalId = "GD-" + System.nanoTime();
        Http.Response created = push(workOrder("C09", externalId, "DISPUTE"));
        assertThat(created.status()).isEqualTo(201);
        String number = created.json().path("number").asText();

        closed(number, "C09");
        assertThat(outbox(number)).containsExactly("CREATED", "GRADED", "RESOLVED", "CLOSED");
        assertThat(drain()).isGreaterThanOrEqualTo(4);
        assertThat(drain()).isZero();

        List<LoggedRequest> posts = posted(number);
        assertThat(posts).extracting(r -> r.getHeader("Idempotency-Key")).containsExactly(
                number + ":CREATED", number + ":GRADED", number + ":RESOLVED", number + ":CLOSED");
        for (LoggedRequest post : posts) {
            assertThat(post.getHeader("Authorization")).isEqualTo("Bearer platform-token");
            assertThat(post.getHeader("Content-Type")).startsWith("application/json");
            assertThat(post.getBodyAsString()).as("no party data").doesNotContain(PARTY, PARTY_PHONE, "parties");
        }
        JsonNode first = json(posts.get(0).getBodyAsString());
        assertThat(first.path("event").asText()).isEqualTo("CREATED");
        assertThat(first.path("number").asText()).isEqualTo(number);
        assertThat(first.path("externalId").asText()).isEqualTo(externalId);
        assertThat(first.path("category").asText()).isEqualTo("DISPUTE");
        assertThat(first.path("subcategory").asText()).isEqualTo("邻里纠纷");
        assertThat(first.path("community").asText()).isEqualTo("C09");
        assertThat(first.path("grid").asText()).isEqualTo("C09-G3");
        assertThat(first.path("title").asText()).isEqualTo("**与邻居漏水纠纷");
        assertThat(first.path("time").asText()).isEqualTo("2026-11-24T10:00:00+08:00");
        assertThat(json(posts.get(1).getBodyAsString()).path("level").asText()).isEqualTo("MEDIUM");
        JsonNode closedEvent = json(posts.get(3).getBodyAsString());
        assertThat(closedEvent.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closedEvent.path("externalId").asText()).isEqualTo(externalId);
        assertThat(closedEvent.path("outcome").asText()).isEqualTo("CLAIM_RESOLVED");
        assertThat(closedEvent.path("outcomeName").asText()).isEqualTo("合理诉求已解决");

        JsonNode sync = new Http(port).as("center1").get("/api/risk-items/" + number).json().path("platformSync");
        assertThat(sync.path("state").asText()).isEqualTo("SENT");
        assertThat(sync.path("event").asText()).isEqualTo("CLOSED");
        assertThat(sync.has("error")).isFalse();
    }

    @Test
    void anItemOfAnotherCategoryTellsThePlatformNothing() {
        Http.Response created = push(workOrder("C09", null, "PUBLIC_SAFETY"));
        String number = created.json().path("number").asText();
        assertThat(outbox(number)).isEmpty();
        drain();
        assertThat(posted(number)).isEmpty();
        assertThat(new Http(port).as("center1").get("/api/risk-items/" + number).json().has("platformSync")).isFalse();
    }

    @Test
    void withNoPlatformConfiguredNothingIsWrittenOrSent() {
        settings.setUrl("");
        Scenario item = new Scenario(engine, intake, jdbc).intake("c09-grid1", Scenario.neighbourDispute("C09"));
        assertThat(outbox(item.number)).isEmpty();
        assertThat(worker.deliverDue()).isZero();
        assertThat(platform.getAllServeEvents()).isEmpty();
    }

    @Test
    void aPlatformOutageLosesNothingAndEachEventIsDeliveredOnceWhenItIsBack() {
        platform.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(aResponse().withStatus(503).withBody("维护中")));
        Scenario a = new Scenario(engine, intake, jdbc).intake("c10-grid1", Scenario.neighbourDispute("C10"));
        Scenario b = new Scenario(engine, intake, jdbc).intake("c10-grid2", Scenario.neighbourDispute("C10"));
        assertThat(worker.deliverDue()).isZero();

        JsonNode sync = new Http(port).as("center1").get("/api/risk-items/" + a.number).json().path("platformSync");
        assertThat(sync.path("state").asText()).isEqualTo("PENDING");
        assertThat(sync.path("error").asText()).contains("HTTP 503");

        Scenario.clockAt("2026-11-24T10:00:30+08:00");
        assertThat(worker.deliverDue()).as("still backing off").isZero();
        platform.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"accepted\":true}")));
        Scenario.clockAt("2026-11-24T10:01:00+08:00");
        assertThat(drain()).isEqualTo(2);
        Scenario.clockAt("2026-11-24T12:00:00+08:00");
        assertThat(drain()).isZero();

        for (String number : List.of(a.number, b.number)) {
            List<ServeEvent> accepted = platform.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getHeader("Idempotency-Key").equals(number + ":CREATED"))
                    .filter(e -> e.getResponse().getStatus() == 200).toList();
            assertThat(accepted).as(number).hasSize(1);
        }
        assertThat(new Http(port).as("center1").get("/api/risk-items/" + a.number).json().path("platformSync")
                .path("state").asText()).isEqualTo("SENT");
    }

    /** Unlike a notification, an event whose node died mid-post is sent again: the platform dedupes by its key. */
    @Test
    void anEventWhoseNodeDiedMidPostIsSentAgainUnderTheSameKey() {
        Scenario item = new Scenario(engine, intake, jdbc).intake("c10-grid1", Scenario.neighbourDispute("C10"));
        jdbc.sql("""
                update platform_outbox set status = 'SENDING', attempts = 1, locked_by = 'dead-node', locked_until = ?
                 where number = ?""")
                .params(java.sql.Timestamp.from(java.time.OffsetDateTime.parse("2026-11-24T09:59:00+08:00").toInstant()),
                        item.number).update();
        assertThat(drain()).isEqualTo(1);
        assertThat(posted(item.number)).extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactly(item.number + ":CREATED");
        assertThat(jdbc.sql("select status || ':' || attempts from platform_outbox where number = ?").param(item.number)
                .query(String.class).single()).isEqualTo("SENT:2");
    }

    @Test
    void twoWorkersOnOneDatabaseSendEachEventOnce() throws Exception {
        int events = 30;
        for (int i = 0; i < events; i++) {
            jdbc.sql("""
                    insert into platform_outbox (idempotency_key, number, event, payload, status, next_attempt_at, created_at)
                    values (?, ?, 'CREATED', '{}', 'PENDING', now() - interval '1 minute', now())""")
                    .params("QF-2026-9" + String.format("%05d", i) + ":CREATED", "QF-2026-9" + String.format("%05d", i))
                    .update();
        }
        settings.getWorker().setBatchSize(3);
        Clock clock = Clock.fixed(Instant.now().plusSeconds(60), ZoneOffset.UTC);
        PlatformSyncWorker nodeA = new PlatformSyncWorker(jdbc, settings, clock, "node-a");
        PlatformSyncWorker nodeB = new PlatformSyncWorker(jdbc, settings, clock, "node-b");
        assertThat(OutboxNodes.drainTogether(List.of(nodeA::deliverDue, nodeB::deliverDue))).isEqualTo(events);
        assertThat(platform.findAll(postRequestedFor(urlPathEqualTo(EVENTS))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).toList()).hasSize(events).doesNotHaveDuplicates();
    }

    @Test
    void theSameWorkOrderPushedTwiceIsOneItemAnsweredWith200TheSecondTime() {
        String externalId = "GD-" + System.nanoTime();
        long before = items();
        Http.Response first = push(workOrder("C11", externalId, "DISPUTE"));
        Http.Response again = push(workOrder("C11", externalId, "DISPUTE"));
        Http.Response withAKey = new Http(port).as("platform1").header("Idempotency-Key", "retry-" + System.nanoTime())
                .postJson("/api/risk-items", workOrder("C11", externalId, "DISPUTE"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(withAKey.status()).isEqualTo(200);
        String number = first.json().path("number").asText();
        assertThat(again.json().path("number").asText()).isEqualTo(number);
        assertThat(withAKey.json().path("number").asText()).isEqualTo(number);
        assertThat(again.header("Location")).isEqualTo("/api/risk-items/" + number);
        assertThat(items()).isEqualTo(before + 1);
        assertThat(outbox(number)).containsExactly("CREATED");
    }

    @Test
    void twoConcurrentPushesOfOneWorkOrderMakeOneItem() throws Exception {
        String externalId = "GD-" + System.nanoTime();
        long before = items();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        try {
            List<Future<Http.Response>> pushes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                pushes.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return push(workOrder("C12", externalId, "DISPUTE"));
                }));
            }
            Http.Response a = pushes.get(0).get(60, TimeUnit.SECONDS);
            Http.Response b = pushes.get(1).get(60, TimeUnit.SECONDS);
            assertThat(List.of(a.status(), b.status())).containsExactlyInAnyOrder(201, 200);
            assertThat(a.json().path("number").asText()).isEqualTo(b.json().path("number").asText());
        } finally {
            pool.shutdownNow();
        }
        assertThat(items()).isEqualTo(before + 1);
    }

    @Test
    void aWorkOrderIdNeedsAWorkOrderSourceAndAPlainShape() {
        Map<String, Object> survey = workOrder("C12", "GD-1", "DISPUTE");
        survey.put("source", "GRID_SURVEY");
        Http.Response refused = push(survey);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("externalId");

        Http.Response odd = push(workOrder("C12", "GD 1\u0000", "DISPUTE"));
        assertThat(odd.status()).isEqualTo(400);
        assertThat(odd.body()).contains("externalId");

        Map<String, Object> hotline = workOrder("C12", "12345-" + System.nanoTime(), "DISPUTE");
        hotline.put("source", "HOTLINE_12345");
        assertThat(push(hotline).status()).isEqualTo(201);
    }

    @Test
    void thePlatformAccountRegistersAnywhereAndReadsOnlyWhatItPushed() {
        Http platformAccount = new Http(port).as("platform1");
        for (String community : List.of("C01", "C14")) {
            Http.Response created = push(workOrder(community, null, "DISPUTE"));
            assertThat(created.status()).as(community).isEqualTo(201);
            assertThat(platformAccount.get("/api/risk-items/" + created.json().path("number").asText()).status())
                    .isEqualTo(200);
        }
        Scenario other = new Scenario(engine, intake, jdbc).intake("c14-grid1", Scenario.neighbourDispute("C14"));
        assertThat(platformAccount.get("/api/risk-items/" + other.number).status()).isEqualTo(403);
        assertThat(platformAccount.get("/api/platform-sync/failed").status()).isEqualTo(403);
    }

    @Test
    void administratorsSeeEventsThePlatformRefusedAndRetryThemOthersAreRefused() {
        settings.getWorker().setMaxAttempts(1);
        platform.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(aResponse().withStatus(422).withBody("{\"code\":\"BAD_GRID\"}")));
        Scenario item = new Scenario(engine, intake, jdbc).intake("c13-grid1", Scenario.neighbourDispute("C13"));
        assertThat(worker.deliverDue()).isZero();
        long id = jdbc.sql("select id from platform_outbox where number = ?").param(item.number).query(Long.class).single();

        Http admin = new Http(port).as("admin");
        assertThat(admin.get("/api/platform-sync/failed").json()).anySatisfy(row -> {
            assertThat(row.get("id").asLong()).isEqualTo(id);
            assertThat(row.get("number").asText()).isEqualTo(item.number);
            assertThat(row.get("event").asText()).isEqualTo("CREATED");
            assertThat(row.get("idempotencyKey").asText()).isEqualTo(item.number + ":CREATED");
            assertThat(row.get("lastError").asText()).contains("HTTP 422", "BAD_GRID");
        });
        assertThat(new Http(port).as("center1").get("/api/risk-items/" + item.number).json().path("platformSync")
                .path("state").asText()).isEqualTo("FAILED");

        for (String user : List.of("c13-staff", "center1", "leader1")) {
            Http.Response list = new Http(port).as(user).get("/api/platform-sync/failed");
            assertThat(list.status()).as(user).isEqualTo(403);
            assertThat(list.header("Content-Type")).startsWith("application/problem+json");
            assertThat(new Http(port).as(user).postJson("/api/platform-sync/" + id + "/retry", "{}").status()).isEqualTo(403);
        }
        assertThat(new Http(port).get("/api/platform-sync/failed").status()).isEqualTo(401);

        platform.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"accepted\":true}")));
        assertThat(admin.postJson("/api/platform-sync/" + id + "/retry", "{}").status()).isEqualTo(200);
        assertThat(worker.deliverDue()).isEqualTo(1);
        platform.verify(2, postRequestedFor(urlPathEqualTo(EVENTS))
                .withHeader("Idempotency-Key", equalTo(item.number + ":CREATED")));
        assertThat(admin.postJson("/api/platform-sync/" + id + "/retry", "{}").status()).isEqualTo(409);
        assertThat(admin.postJson("/api/platform-sync/999999999/retry", "{}").status()).isEqualTo(404);
        assertThat(admin.get("/api/platform-sync/failed").json()).noneSatisfy(row -> assertThat(row.get("id").asLong()).isEqualTo(id));
    }
}
