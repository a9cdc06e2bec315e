package casegrid.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Intake refuses what it cannot store faithfully or would have to guess: control characters,
 * over-long texts, a key twice, a fraction for a count, a word for a yes/no, a field it does not
 * know. Each is a 400 problem+json naming the field, with nothing written and no process started.
 */
@CasegridTest
class IntakeStrictInputTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;

    static Stream<Arguments> badBodies() {
        return Stream.of(
                bad("NUL in the title", "title", "控制字符 U+0000", b -> json(with(b, "title", "楼道\u0000堆物"))),
                bad("BEL in a party's name", "parties[0].name", "当事人姓名含有不允许的控制字符 U+0007",
                        b -> json(with(b, "parties", List.of(Map.of("name", "张\u0007三", "phone", "13912345678"))))),
                bad("ESC in the address", "address", "控制字符 U+001B", b -> json(with(b, "address", "福源路\u001b[2J1号"))),
                bad("a raw, unescaped control character", "address", "控制字符",
                        b -> json(with(b, "address", "福源路\u00011号")).replace("\\u0001", "\u0001")),
                bad("a right-to-left override in the title", "title", "U+202E", b -> json(with(b, "title", "楼道\u202e物堆"))),
                bad("a line break in a one-line field", "title", "U+000A", b -> json(with(b, "title", "楼道\n堆物"))),
                bad("peopleInvolved 2.7", "peopleInvolved", "应为整数", b -> json(with(b, "peopleInvolved", 2.7))),
                bad("peopleInvolved as text", "peopleInvolved", "应为整数", b -> json(with(b, "peopleInvolved", "3"))),
                bad("peopleInvolved beyond any integer", "peopleInvolved", "超出范围",
                        b -> json(b).replaceFirst("\"peopleInvolved\":3", "\"peopleInvolved\":99999999999")),
                bad("title twice", "title", "重复", b -> json(b).replaceFirst("\\{", "{\"title\":\"另一个标题\",")),
                bad("a party's name twice", "parties[0].name", "重复",
                        b -> json(b).replaceFirst("\"name\":", "\"name\":\"李四\",\"name\":")),
                bad("threatOfViolence notabool", "threatOfViolence", "true 或 false", b -> json(with(b, "threatOfViolence", "notabool"))),
                bad("threatOfViolence as 1", "threatOfViolence", "true 或 false", b -> json(with(b, "threatOfViolence", 1))),
                bad("a number for the title", "title", "应为文本", b -> json(with(b, "title", 123))),
                bad("an over-long title", "title", "100", b -> json(with(b, "title", "长".repeat(101)))),
                bad("an over-long party name", "parties[0].name", "100",
                        b -> json(with(b, "parties", List.of(Map.of("name", "名".repeat(101)))))),
                bad("an empty party", "parties[0]", "不能为空", b -> json(b).replaceFirst("\"parties\":\\[\\{[^}]*}]", "\"parties\":[null]")),
                bad("a field intake does not have", "reportedBy", "不接受该字段", b -> json(with(b, "reportedBy", "c03-grid2"))));
    }

    private static Arguments bad(String name, String field, String message, Function<Map<String, Object>, String> body) {
        return Arguments.of(name, field, message, body);
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    private static String json(Map<String, Object> body) {
        return Http.toJson(body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void eachBadInputIs400NamingTheFieldAndNothingIsWritten(String caseName, String field, String message,
                                                              Function<Map<String, Object>, String> body) {
        long items = items();
        long instances = riskItemInstances();
        Http.Response response = new Http(port).as("c03-grid1").postJson("/api/risk-items", body.apply(RiskItemApiTest.body("C03")));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).as(response.body()).containsExactly(field);
        assertThat(response.json().path("errors").get(0).path("message").asText()).contains(message);
        assertThat(items()).isEqualTo(items);
        assertThat(riskItemInstances()).isEqualTo(instances);
    }

    @Test
    void aDescriptionKeepsItsLineBreaksAndTabs() {
        Map<String, Object> body = RiskItemApiTest.body("C03");
        body.put("description", "第一行\n第二行\r\n\t缩进的第三行");
        Http.Response response = new Http(port).as("c03-grid1").postJson("/api/risk-items", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(jdbc.sql("select description from risk_item where number = ?").param(response.json().path("number").asText())
                .query(String.class).single()).isEqualTo("第一行\n第二行\r\n\t缩进的第三行");
    }

    /** Intake reads JSON only: an XML body (here with an external entity) is refused unread, 415. */
    @Test
    void anXmlBodyIsRefusedUnread() throws Exception {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <intakeRequest><title>&xxe;</title></intakeRequest>""";
        long items = items();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/risk-items"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("c03-grid1:c03-grid1".getBytes()))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("root:");
        assertThat(items()).isEqualTo(items);
    }

    @Test
    void theTasklistStartFormRefusesTheSameTexts() {
        Map<String, Object> form = startForm();
        form.put("title", "来访反映\u0000欠薪");
        form.put("partyName", "赵\u0007六");
        // The client input guard refuses control characters before the delegate runs, so the start
        // form's own field names are named, as the Tasklist user typed them.
        assertStartFormRefused(form, "partyName", "title");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {"peopleInvolved|2.7", "peopleInvolved|many", "threatOfViolence|notabool",
            "involvesMinors|1", "occurredAt|yesterday"})
    void theTasklistStartFormRefusesWhatItWouldHaveToGuess(String field, String value) {
        Map<String, Object> form = startForm();
        form.put(field, "peopleInvolved".equals(field) && "2.7".equals(value) ? (Object) 2.7 : value);
        assertStartFormRefused(form, field);
    }

    @Test
    void theTasklistStartFormTakesAHazardWithNoOneInvolvedButNotAClaim() {
        Map<String, Object> claim = startForm();
        claim.put("peopleInvolved", 0L);
        assertStartFormRefused(claim, "peopleInvolved");

        Map<String, Object> hazard = startForm();
        hazard.putAll(Map.of("category", "PUBLIC_SAFETY", "title", "消防通道堆放纸箱", "address", "福兴路" + System.nanoTime() + "号",
                "peopleInvolved", 0L));
        hazard.remove("partyName");
        hazard.remove("partyPhone");
        String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("riskItem").latestVersion().singleResult().getId();
        long items = items();
        new Scenario(engine, intake, jdbc).as("c06-staff", () -> engine.getFormService().submitStartForm(definitionId, hazard));
        assertThat(items()).isEqualTo(items + 1);
    }

    private Map<String, Object> startForm() {
        return new HashMap<>(Map.of("title", "来访反映欠薪", "description", "某工地拖欠工资",
                "category", "GROUP_CLAIM", "source", "WALK_IN", "community", "C06", "grid", "C06-G1",
                "address", "福兴路6号", "peopleInvolved", 3L, "partyName", "赵六", "partyPhone", "13700000006"));
    }

    private void assertStartFormRefused(Map<String, Object> form, String... fields) {
        String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("riskItem").latestVersion().singleResult().getId();
        long items = items();
        long instances = riskItemInstances();
        assertThatThrownBy(() -> new Scenario(engine, intake, jdbc).as("c06-staff",
                () -> engine.getFormService().submitStartForm(definitionId, form)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly(fields));
        assertThat(items()).isEqualTo(items);
        assertThat(riskItemInstances()).isEqualTo(instances);
    }

    private long items() {
        return jdbc.sql("select count(*) from risk_item").query(Long.class).single();
    }

    private long riskItemInstances() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("riskItem").count();
    }
}
