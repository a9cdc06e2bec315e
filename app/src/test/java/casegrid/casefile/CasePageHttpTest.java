package casegrid.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The case page /items/{number} and its diagram follow the item API's policy (404 before 403, the
 * community and the street center in, another community out), the page read is audited, and the
 * item detail carries the case file's additions.
 */
@CasegridTest
class CasePageHttpTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;

    /** A report with a threat of violence, waiting in 研判定级. */
    private String reported() {
        long unique = System.nanoTime();
        Map<String, Object> body = new HashMap<>();
        body.put("title", "邻里纠纷扬言报复");
        body.put("description", "两户因噪音多次争吵，一方扬言报复。");
        body.put("category", "DISPUTE");
        body.put("source", "GRID_SURVEY");
        body.put("community", "C03");
        body.put("grid", "C03-G1");
        body.put("address", "C03 案卷路" + unique + "号");
        body.put("occurredAt", "2026-11-20T09:30:00+08:00");
        body.put("peopleInvolved", 2);
        body.put("parties", List.of(Map.of("name", "赵" + unique, "phone", String.format("138%08d", unique % 100_000_000L),
                "role", "当事人")));
        body.put("threatOfViolence", true);
        body.put("involvesMinors", false);
        body.put("crossJurisdiction", false);
        Http.Response response = new Http(port).as("c03-grid1").postJson("/api/risk-items", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("number").asText();
    }

    @Test
    void theCommunityAndTheStreetCenterOpenTheCasePageAnotherCommunityIsRefused() {
        String number = reported();
        for (String user : List.of("c03-staff", "center1")) {
            Http.Response page = new Http(port).as(user).get("/items/" + number);
            assertThat(page.status()).as(user).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("<html lang=\"zh-CN\"").contains("案卷")
                    .contains("/vendor/bpmn-js/bpmn-navigated-viewer.production.min.js").contains("/items/assets/case-page.js")
                    .doesNotContain("https://").doesNotContain("<script>").doesNotContain(" style=");
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self';").contains("frame-ancestors 'none'");
        }
        Http.Response refused = new Http(port).as("c04-staff").get("/items/" + number);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("无权查看事项");
        assertThat(new Http(port).as("c04-staff").get("/api/risk-items/" + number).status()).isEqualTo(403);
    }

    @Test
    void theTasklistSessionOpensTheCasePageAndTheItemShowsTheSuggestedLevelBeforeGrading() {
        String number = reported();
        Http browser = new Http(port);
        browser.get("/camunda/app/tasklist/default/");
        Http.Response login = browser.header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"))
                .postForm("/camunda/api/admin/auth/user/default/login/tasklist", Map.of("username", "c03-staff", "password", "c03-staff"));
        assertThat(login.status()).isEqualTo(200);
        String session = browser.cookie("JSESSIONID");
        assertThat(browser.get("/items/" + number).status()).isEqualTo(200);
        assertThat(browser.get("/items/assets/case-page.js").status()).isEqualTo(200);
        // The API chain keeps the Tasklist session's id: the page's parallel calls all carry a live one.
        assertThat(browser.cookie("JSESSIONID")).isEqualTo(session);
        JsonNode item = browser.get("/api/risk-items/" + number).json();
        assertThat(item.path("labels").path("suggestedLevelCode").asText()).isIn("HIGH", "MEDIUM", "LOW");
        assertThat(item.path("suggestedLevel").isNull()).as("the existing key keeps its meaning").isTrue();
    }

    @Test
    void anUnknownNumberIs404AndNoLoginIs401() {
        Http.Response missing = new Http(port).as("center1").get("/items/FT-1999-9999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asText()).contains("不存在");
        assertThat(new Http(port).get("/items/FT-1999-9999").status()).isEqualTo(401);
        assertThat(new Http(port).get("/items/assets/case-file.js").status()).isEqualTo(401);
        assertThat(new Http(port).as("c03-staff").get("/items/assets/case-file.js").status()).isEqualTo(200);
    }

    @Test
    void openingTheCasePageIsAuditedAsARead() {
        String number = reported();
        assertThat(new Http(port).as("c03-leader").get("/items/" + number).status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from access_audit where user_id = 'c03-leader' and number = ? and action = 'VIEW_CASE_PAGE'")
                .param(number).query(Integer.class).single()).isEqualTo(1);
        new Http(port).as("c04-staff").get("/items/" + number);
        assertThat(jdbc.sql("select count(*) from access_audit where user_id = 'c04-staff' and action = 'REFUSED' and path = ?")
                .param("/items/" + number).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from access_audit where user_id = 'c04-staff' and number = ? and action = 'VIEW_CASE_PAGE'")
                .param(number).query(Integer.class).single()).isZero();
    }

    @Test
    void theDiagramShowsTheModelWithTheCurrentTaskForThoseWhoMaySeeTheItem() {
        String number = reported();
        JsonNode diagram = new Http(port).as("c03-staff").get("/api/risk-items/" + number + "/diagram").json();
        assertThat(diagram.path("xml").asText()).contains("definitions").contains("Task_Grade");
        assertThat(texts(diagram.path("activeActivityIds"))).contains("Task_Grade");
        assertThat(texts(diagram.path("passedActivityIds"))).isNotEmpty().doesNotContain("Task_Grade");
        assertThat(new Http(port).as("center1").get("/api/risk-items/" + number + "/diagram").status()).isEqualTo(200);
        Http.Response refused = new Http(port).as("c04-staff").get("/api/risk-items/" + number + "/diagram");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("definitions");
        assertThat(new Http(port).as("center1").get("/api/risk-items/FT-1999-9999/diagram").status()).isEqualTo(404);
    }

    @Test
    void theItemDetailNamesThePlanPeopleAndTheStateOfEachDeadline() {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C03", "MEDIUM");
        JsonNode view = new Http(port).as("c03-staff").get("/api/risk-items/" + item.number).json();
        // The existing keys stay as they were.
        assertThat(view.path("plan").path("resolver").asText()).isEqualTo("c03-staff");
        assertThat(view.path("labels").path("category").asText()).isEqualTo("社会矛盾纠纷");
        assertThat(view.path("labels").path("riskLevel").asText()).isEqualTo("中");
        assertThat(view.path("labels").path("resolver").asText()).endsWith("（c03-staff）");
        List<String> deadlines = new ArrayList<>();
        view.path("deadlineStates").forEach(d -> deadlines.add(d.path("key").asText() + "=" + d.path("stateLabel").asText()));
        assertThat(deadlines).anyMatch(d -> d.startsWith("resolveBy="));
        assertThat(view.path("deadlineStates").get(0).path("label").asText()).isNotBlank();
        assertThat(view.path("mergedItems").isArray()).isTrue();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
