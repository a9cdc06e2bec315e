package casegrid.mobile;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The mobile intake's server side: coordinates with the item (validated, stored, shown), the form's
 * choices for the caller, the caller's own reports, and the page shell under the dashboards' CSP.
 */
@CasegridTest
class MobileIntakeHttpTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    static Map<String, Object> report(String community, String grid, String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", "消防通道被纸箱堵塞，无法通行。");
        body.put("category", "PUBLIC_SAFETY");
        body.put("source", "GRID_SURVEY");
        body.put("community", community);
        body.put("grid", grid);
        body.put("address", "福泰小区" + System.nanoTime() + "号楼");
        body.put("peopleInvolved", 0);
        body.put("parties", List.of());
        return body;
    }

    @Test
    void anItemReportedWithALocationKeepsItsCoordinatesBesideTheAddress() {
        Map<String, Object> body = report("C04", "C04-G2", "消防通道堵塞（定位）");
        body.put("latitude", 39.908712);
        body.put("longitude", 116.397451);
        Http.Response created = new Http(port).as("c04-grid1").postJson("/api/risk-items", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().path("number").asText();

        Map<String, Object> row = jdbc.sql("select latitude, longitude from risk_item where number = ?").param(number)
                .query().singleRow();
        assertThat(row).containsEntry("latitude", 39.908712).containsEntry("longitude", 116.397451);
        JsonNode item = new Http(port).as("c04-staff").get("/api/risk-items/" + number).json();
        assertThat(item.path("latitude").asDouble()).isEqualTo(39.908712);
        assertThat(item.path("longitude").asDouble()).isEqualTo(116.397451);
        assertThat(item.path("address").asText()).startsWith("福泰小区");
    }

    @Test
    void anItemWithoutALocationHasNoCoordinateKeys() {
        Http.Response created = new Http(port).as("c04-grid1").postJson("/api/risk-items", report("C04", "C04-G1", "无定位"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode item = new Http(port).as("c04-staff").get("/api/risk-items/" + created.json().path("number").asText()).json();
        assertThat(item.has("latitude")).isFalse();
        assertThat(item.has("longitude")).isFalse();
    }

    @Test
    void coordinatesOutOfRangeOrHalfGivenAre400NamingTheFieldAndNothingIsWritten() {
        long before = items();
        Map<String, Object> north = report("C04", "C04-G1", "纬度越界");
        north.put("latitude", 90.5);
        north.put("longitude", 116.4);
        assertProblem(new Http(port).as("c04-grid1").postJson("/api/risk-items", north), "latitude", "纬度应在 -90 到 90 之间");

        Map<String, Object> east = report("C04", "C04-G1", "经度越界");
        east.put("latitude", 39.9);
        east.put("longitude", -181);
        assertProblem(new Http(port).as("c04-grid1").postJson("/api/risk-items", east), "longitude", "经度应在 -180 到 180 之间");

        Map<String, Object> half = report("C04", "C04-G1", "只有纬度");
        half.put("latitude", 39.9);
        assertProblem(new Http(port).as("c04-grid1").postJson("/api/risk-items", half), "longitude", "经纬度须同时填写");

        Map<String, Object> text = report("C04", "C04-G1", "纬度为文字");
        text.put("latitude", "北纬39度");
        text.put("longitude", 116.4);
        Http.Response bad = new Http(port).as("c04-grid1").postJson("/api/risk-items", text);
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("latitude");
        assertThat(items()).isEqualTo(before);
    }

    @Test
    void theFormOffersAGridWorkerTheirOwnCommunityAndItsGridsAndTheCategoriesInChinese() {
        JsonNode options = new Http(port).as("c06-grid2").get("/api/mobile/options").json();
        assertThat(options.path("defaultCommunity").asText()).isEqualTo("C06");
        assertThat(options.path("defaultSource").asText()).isEqualTo("GRID_SURVEY");
        assertThat(options.path("communities")).hasSize(1);
        assertThat(options.path("communities").get(0).path("grids").toString()).contains("C06-G1", "C06-G4");
        assertThat(options.path("categories")).hasSize(7);
        assertThat(options.path("categories").get(0).path("name").asText()).isEqualTo("社会矛盾纠纷");
        assertThat(options.path("categories").get(0).path("subcategories").toString()).contains("邻里纠纷");
        assertThat(options.path("sources").toString()).contains("网格排查").doesNotContain("PLATFORM");

        JsonNode center = new Http(port).as("center1").get("/api/mobile/options").json();
        assertThat(center.path("communities")).hasSize(15);
        assertThat(center.path("defaultCommunity").isNull()).isTrue();
        assertThat(new Http(port).as("c06-staff").get("/api/mobile/options").json().path("defaultSource").asText())
                .isEqualTo("COMMUNITY_CHECK");
    }

    @Test
    void myReportsListOnlyTheCallersItemsWithStatusInChineseAndTheNextDeadline() {
        String mine = new Http(port).as("c07-grid2").postJson("/api/risk-items", report("C07", "C07-G3", "我上报的"))
                .json().path("number").asText();
        String theirs = new Http(port).as("c07-grid1").postJson("/api/risk-items", report("C07", "C07-G3", "别人上报的"))
                .json().path("number").asText();
        JsonNode reports = new Http(port).as("c07-grid2").get("/api/mobile/reports").json();
        assertThat(reports.toString()).contains(mine).doesNotContain(theirs);
        JsonNode first = reports.get(0);
        assertThat(first.path("number").asText()).isEqualTo(mine);
        assertThat(first.path("statusName").asText()).isIn("待研判", "已登记", "已合并");
        assertThat(first.path("link").asText()).isEqualTo("/items/" + mine);
        assertThat(first.path("riskLevelName").isNull()).isTrue();
    }

    @Test
    void thePageShellIsServedWithoutASessionUnderTheCspAndItsDataIsNot() {
        Http anonymous = new Http(port).anonymous();
        Http.Response page = anonymous.get("/m");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("风险隐患上报", "/m/assets/m.js").doesNotContain("<script>");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(anonymous.get("/m/assets/m.js").status()).isEqualTo(200);
        Http.Response browserCall = anonymous.get("/api/mobile/options");
        assertThat(browserCall.status()).isEqualTo(401);
        assertThat(browserCall.header("WWW-Authenticate")).startsWith("Basic");
        // The page's script asks without a Basic challenge, so no password dialog covers its sign-in.
        Http.Response scriptCall = new Http(port).anonymous().header("X-Requested-With", "XMLHttpRequest")
                .get("/api/mobile/options");
        assertThat(scriptCall.status()).isEqualTo(401);
        assertThat(scriptCall.header("WWW-Authenticate")).isNull();
        assertThat(anonymous.get("/api/mobile/reports").status()).isEqualTo(401);
    }

    private long items() {
        return jdbc.sql("select count(*) from risk_item").query(Long.class).single();
    }

    private static void assertProblem(Http.Response response, String field, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = response.json().path("errors");
        assertThat(errors.toString()).contains("\"" + field + "\"").contains(message);
    }
}
