package casegrid.intake;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.item.RiskItemVariables;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Duplicates by distance, through the real intake: two reports of one spot whose addresses read nothing
 * alike ("临街商铺门口" and "十字路口东北角") are candidates when their phones put them within 50 m, ranked
 * by nearness, with the distance as the reason in 重复事项研判; 80 m apart they are not. The search reads
 * the coordinates' index as a bounding box (the query plan is checked too).
 */
@CasegridTest
class DuplicateDistanceHttpTest {

    /** Metres per degree of latitude on the sphere the search uses. */
    private static final double METRES_PER_DEGREE = 2 * Math.PI * 6371008.8 / 360;

    @LocalServerPort int port;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void reportsWithin50MetresAreCandidatesNearestFirstWithTheDistanceAsTheReason() {
        double lat = 31.2 + (System.nanoTime() % 10_000) / 100_000.0;
        double lng = 121.45;
        String a = report("临街商铺门口堆放液化气罐" + lat, "福康路" + (int) (lat * 1000) + "号临街商铺门口", lat, lng);
        // 32 m north of A; the address shares nothing with A's.
        String b = report("路口有人私自存放燃气钢瓶", "十字路口东北角空地", lat + 32 / METRES_PER_DEGREE, lng);
        assertThat(candidates(b)).isEqualTo(a + "（相距 32 米）");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(b).taskDefinitionKey("Task_ReviewDuplicate")
                .count()).isEqualTo(1);

        // 80 m south of A, 112 m from B: neither is a candidate.
        String c = report("废品站门前有煤气罐", "废品回收站南门", lat - 80 / METRES_PER_DEGREE, lng);
        assertThat(candidates(c)).isEmpty();

        // 8 m south of A and 40 m from B: both, the nearer first.
        String d = report("人行道上摆放煤气罐", "公交站台旁人行道", lat - 8 / METRES_PER_DEGREE, lng);
        assertThat(candidates(d)).isEqualTo(a + "（相距 8 米）\n" + b + "（相距 40 米）");

        // East-west too: 45 m east of A at this latitude is within; 60 m is not.
        double eastDegree = METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
        String e = report("门店外侧堆放气瓶", "东侧门店外", lat, lng + 45 / eastDegree);
        assertThat(candidates(e)).contains(a + "（相距 45 米）");
        String f = report("空地上有气瓶", "东边空地", lat + 200 / METRES_PER_DEGREE, lng + 60 / eastDegree);
        assertThat(candidates(f)).doesNotContain(a);
    }

    @Test
    void aReportWithoutCoordinatesIsMatchedByItsAddressAsBeforeAndNeverByDistance() {
        double lat = 30.5 + (System.nanoTime() % 10_000) / 100_000.0;
        String located = report("井盖缺失" + lat, "福安路口南侧" + (int) (lat * 1000), lat, 120.1);
        String unlocated = report("井盖缺失无定位", "福寿大街中段绿化带", null, null);
        assertThat(candidates(unlocated)).doesNotContain(located);
    }

    @Test
    void theBoundingBoxReadsTheCoordinatesIndex() {
        // A handful of test rows would be read sequentially anyway; forbid that to see what the index serves.
        String plan = new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return String.join("\n", jdbc.sql("""
                    explain select number from risk_item where latitude between 31.2 and 31.3
                      and longitude between 121.4 and 121.5""").query(String.class).list());
        });
        assertThat(plan).contains("risk_item_coordinates_idx");
    }

    private String candidates(String number) {
        String processInstanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey("riskItem").singleResult().getId();
        Object value = runtimeService.getVariable(processInstanceId, RiskItemVariables.DUPLICATE_CANDIDATES);
        return value == null ? "" : value.toString();
    }

    private String report(String title, String address, Double latitude, Double longitude) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", "液化气罐随意堆放，存在安全隐患。");
        body.put("category", "PUBLIC_SAFETY");
        body.put("source", "GRID_SURVEY");
        body.put("community", "C08");
        body.put("grid", "C08-G1");
        body.put("address", address);
        body.put("peopleInvolved", 0);
        body.put("parties", List.of());
        if (latitude != null) {
            body.put("latitude", latitude);
            body.put("longitude", longitude);
        }
        Http.Response created = new Http(port).as("c08-grid1").postJson("/api/risk-items", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("number").asText();
    }
}
