package casegrid.intake;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The intake and item API over HTTP on PostgreSQL: answers, errors, visibility, retries and concurrency. */
@CasegridTest
class RiskItemApiTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtimeService;

    static Map<String, Object> body(String community) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "楼道堆放杂物");
        body.put("description", "楼道长期堆放纸箱，存在消防隐患。");
        body.put("category", "PUBLIC_SAFETY");
        body.put("source", "GRID_SURVEY");
        body.put("community", community);
        body.put("grid", community + "-G2");
        body.put("address", community + " 福源路" + System.nanoTime() + "号");
        body.put("occurredAt", "2026-11-20T09:30:00+08:00");
        body.put("peopleInvolved", 3);
        body.put("parties", List.of(Map.of("name", "陈" + System.nanoTime(), "phone", "13912345678", "role", "住户")));
        body.put("threatOfViolence", false);
        body.put("involvesMinors", false);
        body.put("crossJurisdiction", false);
        return body;
    }

    long items() {
        return jdbc.sql("select count(*) from risk_item").query(Long.class).single();
    }

    @Test
    void aHazardWithNoOneInvolvedIsTakenButADisputeWithNoOneIsNot() {
        Map<String, Object> hazard = body("C02");
        hazard.put("title", "消防通道堆放纸箱");
        hazard.put("peopleInvolved", 0);
        hazard.remove("parties");
        Http.Response taken = new Http(port).as("c02-grid1").postJson("/api/risk-items", hazard);
        assertThat(taken.status()).isEqualTo(201);
        assertThat(jdbc.sql("select people_involved from risk_item where number = ?")
                .param(taken.json().path("number").asText()).query(Integer.class).single()).isZero();

        Map<String, Object> dispute = body("C02");
        dispute.put("category", "DISPUTE");
        dispute.put("peopleInvolved", 0);
        long before = items();
        Http.Response refused = new Http(port).as("c02-grid1").postJson("/api/risk-items", dispute);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("peopleInvolved");
        assertThat(refused.json().path("errors").get(0).path("message").asText()).contains("至少为1");
        assertThat(items()).isEqualTo(before);
    }

    @Test
    void aGridWorkerRegistersAnItemAndGets201WithItsNumber() {
        Http.Response response = new Http(port).as("c02-grid1").postJson("/api/risk-items", body("C02"));
        assertThat(response.status()).isEqualTo(201);
        JsonNode json = response.json();
        String number = json.path("number").asText();
        assertThat(number).matches("QF-\\d{4}-\\d{6}");
        assertThat(json.path("status").asText()).isEqualTo("GRADING");
        assertThat(response.header("Location")).isEqualTo("/api/risk-items/" + number);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(json.path("processInstanceId").asText())
                .singleResult().getBusinessKey()).isEqualTo(number);

        JsonNode item = new Http(port).as("c02-grid1").get("/api/risk-items/" + number).json();
        assertThat(item.path("status").asText()).isEqualTo("GRADING");
        assertThat(item.path("reportedBy").asText()).isEqualTo("c02-grid1");
        assertThat(item.path("overdue").asBoolean()).isFalse();
        assertThat(item.path("timeline").get(0).path("actor").asText()).isEqualTo("c02-grid1");
        assertThat(item.path("timeline").get(0).path("summary").asText()).contains("登记事项");
        assertThat(item.path("parties").get(0).path("phone").asText()).isEqualTo("13912345678");
    }

    @Test
    void theSameIdempotencyKeyAgainGivesTheSameItemAndNoSecond() {
        Map<String, Object> body = body("C02");
        long before = items();
        Http client = new Http(port).as("c02-grid2").header("Idempotency-Key", "mobile-" + System.nanoTime());
        Http.Response first = client.postJson("/api/risk-items", body);
        Http.Response again = client.postJson("/api/risk-items", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("number").asText()).isEqualTo(first.json().path("number").asText());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(items()).isEqualTo(before + 1);
    }

    @Test
    void reusingAnIdempotencyKeyForADifferentRequestIsRefused() {
        Http client = new Http(port).as("c02-grid1").header("Idempotency-Key", "reused-" + System.nanoTime());
        Map<String, Object> first = body("C02");
        assertThat(client.postJson("/api/risk-items", first).status()).isEqualTo(201);
        long before = items();
        Map<String, Object> other = body("C02");
        other.put("title", "另一件事");
        Http.Response response = client.postJson("/api/risk-items", other);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asText()).contains("Idempotency-Key");
        assertThat(items()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "title|title|",
            "description|description|",
            "category|category|WEATHER",
            "source|source|PIGEON",
            "community|community|C99",
            "grid|grid|C07-G1",
            "address|address|",
            "peopleInvolved|peopleInvolved|-1",
            "parties phone|parties[0].phone|12345",
            "occurredAt in the future|occurredAt|2099-01-01T00:00:00+08:00",
            "occurredAt malformed|occurredAt|yesterday",
            "peopleInvolved not a number|peopleInvolved|many"})
    void eachBadFieldIsNamedAndNothingIsWritten(String caseName, String field, String value) {
        Map<String, Object> body = body("C03");
        if ("parties[0].phone".equals(field)) {
            body.put("parties", List.of(Map.of("name", "张三", "phone", value)));
        } else {
            body.put(field, value);
        }
        long before = items();
        Integer counter = jdbc.sql("select max(last_value) from item_number_counter").query(Integer.class).single();
        Http.Response response = new Http(port).as("c03-grid1").postJson("/api/risk-items", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactly(field);
        assertThat(response.json().path("errors").get(0).path("message").asText()).isNotBlank();
        assertThat(items()).isEqualTo(before);
        assertThat(jdbc.sql("select max(last_value) from item_number_counter").query(Integer.class).single()).isEqualTo(counter);
    }

    @Test
    void severalBadFieldsAreAllNamed() {
        Map<String, Object> body = body("C03");
        body.remove("title");
        body.put("category", "X");
        body.put("grid", "C09-G9");
        Http.Response response = new Http(port).as("c03-grid1").postJson("/api/risk-items", body);
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("title", "category", "grid");
    }

    @Test
    void withoutCredentials401AndOutsideOnesCommunity403AndNothingWritten() {
        long before = items();
        assertThat(new Http(port).postJson("/api/risk-items", body("C03")).status()).isEqualTo(401);
        Http.Response outside = new Http(port).as("c07-grid1").postJson("/api/risk-items", body("C03"));
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.header("Content-Type")).startsWith("application/problem+json");
        assertThat(new Http(port).as("leader2").postJson("/api/risk-items", body("C03")).status()).isEqualTo(403);
        assertThat(items()).isEqualTo(before);
        // The street center and departments register anywhere.
        assertThat(new Http(port).as("center2").postJson("/api/risk-items", body("C03")).status()).isEqualTo(201);
        assertThat(new Http(port).as("urban1").postJson("/api/risk-items", body("C11")).status()).isEqualTo(201);
    }

    @Test
    void anUnknownNumberIs404() {
        Http.Response response = new Http(port).as("center1").get("/api/risk-items/QF-2026-999998");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void eachRoleSeesWhatItsAreaCovers() {
        String number = new Http(port).as("c03-grid1").postJson("/api/risk-items", body("C03")).json().path("number").asText();
        String path = "/api/risk-items/" + number;
        // district1: the district reads every street (docs/streets.md).
        for (String user : List.of("c03-grid1", "c03-staff", "c03-leader", "center1", "leader1", "sup1", "admin", "district1")) {
            assertThat(new Http(port).as(user).get(path).status()).as(user).isEqualTo(200);
        }
        for (String user : List.of("c03-grid2", "c07-staff", "c07-leader", "sup2", "justice1", "designer")) {
            assertThat(new Http(port).as(user).get(path).status()).as(user).isEqualTo(403);
        }
        assertThat(jdbc.sql("select count(*) from access_audit where number = ? and user_id = 'sup1'").param(number)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void twentyConcurrentIntakesGetTwentyDistinctGapFreeNumbers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String user = "c0" + (1 + i % 9) + "-grid" + (1 + i % 2);
                String community = "C0" + (1 + i % 9);
                futures.add(pool.submit(() -> new Http(port).as(user).postJson("/api/risk-items", body(community))));
            }
            Set<String> numbers = new HashSet<>();
            for (Future<Http.Response> future : futures) {
                Http.Response response = future.get(120, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                numbers.add(response.json().path("number").asText());
            }
            assertThat(numbers).hasSize(20);
            List<Integer> sequence = numbers.stream().map(n -> Integer.parseInt(n.substring(n.length() - 6))).sorted().toList();
            assertThat(sequence.get(19) - sequence.get(0)).as("gap-free").isEqualTo(19);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoConcurrentRetriesWithOneKeyMakeOneItem() throws Exception {
        String key = "retry-" + System.nanoTime();
        Map<String, Object> body = body("C04");
        long before = items();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Http.Response> a = pool.submit(() -> new Http(port).as("c04-grid1").header("Idempotency-Key", key)
                    .postJson("/api/risk-items", body));
            Future<Http.Response> b = pool.submit(() -> new Http(port).as("c04-grid1").header("Idempotency-Key", key)
                    .postJson("/api/risk-items", body));
            assertThat(a.get(60, TimeUnit.SECONDS).json().path("number").asText())
                    .isEqualTo(b.get(60, TimeUnit.SECONDS).json().path("number").asText());
        } finally {
            pool.shutdownNow();
        }
        assertThat(items()).isEqualTo(before + 1);
    }

    @Test
    void aFailingStepRollsBackTheItemWithTheEngine() {
        // Make the engine's own write of the first task fail, after the item rows were written.
        jdbc.sql("""
                create or replace function casegrid_fail_probe() returns trigger as $$
                begin
                  if new.name_ like '%ROLLBACK-PROBE%' then raise exception 'probe: task insert refused'; end if;
                  return new;
                end $$ language plpgsql""").update();
        jdbc.sql("create trigger casegrid_fail_probe before insert on act_ru_task for each row execute function casegrid_fail_probe()")
                .update();
        try {
            long before = items();
            Integer counter = jdbc.sql("select max(last_value) from item_number_counter").query(Integer.class).single();
            Map<String, Object> body = body("C05");
            body.put("title", "ROLLBACK-PROBE");
            Http.Response response = new Http(port).as("c05-grid1").postJson("/api/risk-items", body);
            assertThat(response.status()).isEqualTo(500);
            assertThat(items()).isEqualTo(before);
            assertThat(jdbc.sql("select count(*) from risk_item_event where summary like '%ROLLBACK-PROBE%'")
                    .query(Integer.class).single()).isZero();
            assertThat(jdbc.sql("select max(last_value) from item_number_counter").query(Integer.class).single())
                    .isEqualTo(counter);
            assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("title", "ROLLBACK-PROBE").count())
                    .isZero();
        } finally {
            jdbc.sql("drop trigger casegrid_fail_probe on act_ru_task").update();
            jdbc.sql("drop function casegrid_fail_probe()").update();
        }
    }
}
