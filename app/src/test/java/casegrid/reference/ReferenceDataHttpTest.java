package casegrid.reference;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reference data edited on /admin/reference holds at once, without a rebuild: a renamed category is
 * what the intake form offers, a deactivated source is refused at intake (400 naming the field), a
 * changed target is what the weekly report and the live forecast measure against; a code in use
 * cannot be removed; only camunda-admin may change any of it, and every change is audited.
 */
@CasegridTest
class ReferenceDataHttpTest {

    static final String START_FORM = "/engine-rest/process-definition/key/riskItem/deployed-start-form";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    Http admin() {
        return new Http(port).as("admin");
    }

    @AfterEach
    void restoreTheContractValues() {
        jdbc.sql("update reference_code set name = '社会矛盾纠纷', active = true where kind = 'CATEGORY' and code = 'DISPUTE'").update();
        jdbc.sql("update reference_code set active = true where kind = 'SOURCE' and code = 'POLICE_110'").update();
        jdbc.sql("delete from reference_code where kind = 'SOURCE' and code = 'WECHAT_GROUP'").update();
        jdbc.sql("update resolution_target set target = 0.900 where risk_level = 'MEDIUM'").update();
    }

    /** The options of the start form's select for {@code key}, as "value=label", as Tasklist receives them. */
    List<String> startFormOptions(String user, String key) {
        Http.Response form = new Http(port).as(user).get(START_FORM);
        assertThat(form.status()).isEqualTo(200);
        List<String> options = new ArrayList<>();
        find(form.json(), key, options);
        return options;
    }

    static void find(JsonNode container, String key, List<String> options) {
        for (JsonNode component : container.path("components")) {
            if (key.equals(component.path("key").asText())) {
                assertThat(component.has("valuesKey")).isFalse();
                component.path("values").forEach(v -> options.add(v.path("value").asText() + "=" + v.path("label").asText()));
            }
            find(component, key, options);
        }
    }

    Map<String, Object> intake(String category, String source) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "邻里噪音");
        body.put("description", "楼上夜间噪音扰民，多次沟通无果。");
        body.put("category", category);
        body.put("source", source);
        body.put("community", "C07");
        body.put("grid", "C07-G2");
        body.put("address", "C07 基础路" + System.nanoTime() + "号");
        body.put("peopleInvolved", 2);
        body.put("threatOfViolence", false);
        body.put("involvesMinors", false);
        body.put("crossJurisdiction", false);
        return body;
    }

    @Test
    void theStartFormOffersTheOrganisationAndTheActiveCodesFromTheTables() {
        assertThat(startFormOptions("c07-grid1", "category")).startsWith("DISPUTE=社会矛盾纠纷").hasSize(7);
        assertThat(startFormOptions("c07-grid1", "source")).contains("GRID_SURVEY=网格排查", "HOTLINE_12345=12345热线");
        // Communities: where the caller may register (a grid worker their own, the centre its street's).
        assertThat(startFormOptions("c07-grid1", "community")).containsExactly("C07=C07 福华社区");
        assertThat(startFormOptions("center1", "community")).contains("C01=C01 福源社区", "C15=C15 福林社区").hasSize(15);
    }

    @Test
    void theStartFormOffersTheGridsOfTheCommunitiesTheCallerMayRegisterInLabelledWithTheirCommunity() {
        // No grid is typed by hand (issue 11): a grid worker picks one of their community's grids ...
        assertThat(startFormOptions("c07-grid1", "grid"))
                .containsExactly("C07-G1=C07-G1 福华社区第一网格", "C07-G2=C07-G2 福华社区第二网格",
                        "C07-G3=C07-G3 福华社区第三网格", "C07-G4=C07-G4 福华社区第四网格");
        // ... the centre any of its street's; a grid outside the chosen community is refused by intake (RiskItemApiTest).
        assertThat(startFormOptions("center1", "grid")).contains("C01-G1=C01-G1 福源社区第一网格", "C15-G4=C15-G4 福林社区第四网格")
                .hasSize(60);
    }

    @Test
    void aRenamedCategoryIsWhatTheIntakeFormOffers() {
        Http.Response renamed = admin().putJson("/api/admin/reference/CATEGORY/DISPUTE", Map.of("name", "矛盾纠纷（邻里、家庭）"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(startFormOptions("c07-grid1", "category")).contains("DISPUTE=矛盾纠纷（邻里、家庭）")
                .doesNotContain("DISPUTE=社会矛盾纠纷");
        assertThat(jdbc.sql("select count(*) from access_audit where user_id = 'admin' and action = 'REFERENCE_CHANGE'"
                + " and detail like '%DISPUTE%矛盾纠纷（邻里、家庭）%'").query(Integer.class).single()).isOne();
    }

    @Test
    void aDeactivatedSourceIsRefusedAtIntakeAndNoLongerOffered() {
        assertThat(new Http(port).as("c07-grid1").postJson("/api/risk-items", intake("DISPUTE", "POLICE_110")).status())
                .isEqualTo(201);
        assertThat(admin().putJson("/api/admin/reference/SOURCE/POLICE_110", Map.of("active", false)).status()).isEqualTo(200);

        Http.Response refused = new Http(port).as("c07-grid1").postJson("/api/risk-items", intake("DISPUTE", "POLICE_110"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("source");
        assertThat(refused.json().path("errors").get(0).path("message").asText()).contains("已停用").contains("POLICE_110");
        assertThat(startFormOptions("c07-grid1", "source")).noneMatch(o -> o.startsWith("POLICE_110="));
        // An unknown category is refused the same way.
        Http.Response unknown = new Http(port).as("c07-grid1").postJson("/api/risk-items", intake("NO_SUCH", "GRID_SURVEY"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("category");

        // Used by an item: it cannot be removed, only deactivated.
        assertThat(admin().delete("/api/admin/reference/SOURCE/POLICE_110").status()).isEqualTo(409);
        assertThat(jdbc.sql("select count(*) from reference_code where code = 'POLICE_110'").query(Integer.class).single()).isOne();
    }

    @Test
    void anAddedSourceIsAcceptedAtIntakeAndAnUnusedOneCanBeRemoved() {
        Http.Response added = admin().postJson("/api/admin/reference/SOURCE", Map.of("code", "WECHAT_GROUP", "name", "社区微信群"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(startFormOptions("c07-grid1", "source")).contains("WECHAT_GROUP=社区微信群");
        assertThat(admin().postJson("/api/admin/reference/SOURCE", Map.of("code", "bad-code", "name", "x")).status()).isEqualTo(400);
        assertThat(admin().delete("/api/admin/reference/SOURCE/WECHAT_GROUP").status()).isEqualTo(204);
        assertThat(startFormOptions("c07-grid1", "source")).noneMatch(o -> o.startsWith("WECHAT_GROUP="));
    }

    @Test
    void aChangedTargetIsWhatTheReportAndTheForecastMeasureAgainst() {
        Http.Response changed = admin().putJson("/api/admin/reference/targets/MEDIUM", Map.of("target", 0.95));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode weekly = admin().get("/api/reports/weekly?week=2026-W48").json();
        assertThat(level(weekly.path("resolutionRates"), "MEDIUM").path("target").decimalValue()).isEqualByComparingTo("0.95");
        assertThat(level(weekly.path("resolutionRates"), "HIGH").path("target").decimalValue()).isEqualByComparingTo("1");
        JsonNode live = admin().get("/api/reports/live").json();
        assertThat(live.toString()).contains("forecastWeek");
        assertThat(level(live.path("forecastWeek").path("levels"), "MEDIUM").path("target").decimalValue()).isEqualByComparingTo("0.95");
        assertThat(admin().putJson("/api/admin/reference/targets/MEDIUM", Map.of("target", 1.5)).status()).isEqualTo(400);
    }

    static JsonNode level(JsonNode rows, String level) {
        for (JsonNode row : rows) {
            if (level.equals(row.path("level").asText())) {
                return row;
            }
        }
        throw new AssertionError("no " + level + " in " + rows);
    }

    @Test
    void onlyTheAdministratorChangesReferenceData() {
        for (String user : List.of("center1", "leader1", "designer")) {
            Http caller = new Http(port).as(user);
            assertThat(caller.putJson("/api/admin/reference/CATEGORY/DISPUTE", Map.of("name", "改名")).status()).as(user).isEqualTo(403);
            assertThat(caller.putJson("/api/admin/reference/targets/HIGH", Map.of("target", 0.5)).status()).as(user).isEqualTo(403);
            assertThat(caller.get("/admin/reference").status()).as(user).isEqualTo(403);
        }
        assertThat(jdbc.sql("select name from reference_code where kind = 'CATEGORY' and code = 'DISPUTE'").query(String.class).single())
                .isEqualTo("社会矛盾纠纷");
        Http.Response page = admin().get("/admin/reference");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("基础数据管理").contains("/admin/reference/reference.js");
    }
}
