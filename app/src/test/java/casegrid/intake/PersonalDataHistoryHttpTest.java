package casegrid.intake;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 9, hole 9: a party's name and phone entered on the Tasklist start form live in the item's
 * tables only; the engine keeps them neither in its runtime nor in its history, whoever asks.
 */
@CasegridTest
class PersonalDataHistoryHttpTest {

    @LocalServerPort int port;

    /** The start form's fields as Tasklist submits them, typed as the engine REST expects. */
    static Map<String, Object> startForm(String partyName, String partyPhone) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("title", text("来访反映楼道私拉电线"));
        variables.put("description", text("楼道内私拉电线给电动车充电，存在火灾隐患。"));
        variables.put("category", text("PUBLIC_SAFETY"));
        variables.put("source", text("WALK_IN"));
        variables.put("community", text("C03"));
        variables.put("grid", text("C03-G2"));
        variables.put("address", text("福寿路" + System.nanoTime() + "号"));
        variables.put("peopleInvolved", Map.of("value", 2, "type", "Long"));
        variables.put("partyName", text(partyName));
        variables.put("partyPhone", text(partyPhone));
        variables.put("threatOfViolence", Map.of("value", false, "type", "Boolean"));
        variables.put("involvesMinors", Map.of("value", false, "type", "Boolean"));
        variables.put("crossJurisdiction", Map.of("value", false, "type", "Boolean"));
        return Map.of("variables", variables);
    }

    private static Map<String, Object> text(String value) {
        return Map.of("value", value, "type", "String");
    }

    @Test
    void aPartyEnteredOnTheStartFormIsInTheItemAndNowhereInTheEngine() {
        String name = "钱" + System.nanoTime();
        String phone = "139" + String.format("%08d", System.nanoTime() % 100_000_000);
        Http.Response started = new Http(port).as("c03-grid1")
                .postJson("/engine-rest/process-definition/key/riskItem/submit-form", startForm(name, phone));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String instance = started.json().path("id").asText();
        String number = started.json().path("businessKey").asText();

        Http admin = new Http(port).as("admin");
        for (String variable : PersonalData.VARIABLES) {
            JsonNode kept = admin.get("/engine-rest/history/variable-instance?includeDeleted=true&maxResults=100&variableName="
                    + variable).json();
            assertThat(kept.isArray()).as(kept.toString()).isTrue();
            assertThat(kept).as("ACT_HI_VARINST " + variable).isEmpty();
        }
        // Everything the engine kept of this instance: variable history, details (variable updates and
        // submitted form fields), the operation log and the live variables.
        for (String path : new String[] {
                "/engine-rest/history/variable-instance?includeDeleted=true&maxResults=1000&processInstanceId=" + instance,
                "/engine-rest/history/detail?maxResults=1000&processInstanceId=" + instance,
                "/engine-rest/history/user-operation?maxResults=1000&processInstanceId=" + instance,
                "/engine-rest/process-instance/" + instance + "/variables"}) {
            Http.Response response = admin.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain(phone).doesNotContain(name)
                    .doesNotContain("partyName").doesNotContain("partyPhone");
        }
        // The engine did keep the rest of the form: the filter drops the personal data only.
        assertThat(admin.get("/engine-rest/history/detail?maxResults=1000&processInstanceId=" + instance).body()).contains("楼道私拉电线");

        JsonNode item = new Http(port).as("center1").get("/api/risk-items/" + number).json();
        assertThat(item.path("parties").get(0).path("name").asText()).isEqualTo(name);
        assertThat(item.path("parties").get(0).path("phone").asText()).isEqualTo(phone);
    }
}
