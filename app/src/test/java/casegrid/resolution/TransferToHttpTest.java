package casegrid.resolution;

import static casegrid.support.Http.refusedFields;
import static casegrid.support.Http.variables;
import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 移交 (Task_Resolve's TRANSFER) names its receiving body from the transfer bodies kept as reference data
 * (/admin/reference, mostly district bodies outside the street): the form offers the active ones, a name
 * typed by hand, an unknown code or one deactivated after the task was created is a 400 naming
 * transferTo with nothing written, and the item keeps the code and shows the body's name.
 */
@CasegridTest
class TransferToHttpTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void reactivateTheCourt() {
        jdbc.sql("update reference_code set active = true where kind = 'TRANSFER_BODY' and code = 'DISTRICT_COURT'").update();
    }

    static Map<String, Object> transfer(String transferTo) {
        return Map.of("variables", variables("resolutionOutcome", "TRANSFER", "progressNote", "属区级职责，移交处理",
                "transferTo", transferTo));
    }

    @Test
    void theResolverPicksTheReceivingBodyFromTheTransferBodiesAndNothingElse() throws Exception {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C06", "MEDIUM");
        Http staff = new Http(port).as("c06-staff");
        String task = item.task("Task_Resolve").getId();

        assertThat(staff.offeredOptions(task, "transferBodyOptions")).containsEntry("DISTRICT_PETITIONS", "区信访办")
                .containsEntry("DISTRICT_COURT", "区人民法院").containsEntry("OTHER_STREET", "其他街道")
                // Bodies outside the street, not the street's own units.
                .doesNotContainKeys("community-C06", "dept-justice", "street-center");

        String submit = "/engine-rest/task/" + task + "/submit-form";
        assertThat(refusedFields(staff.postJson(submit, transfer("邻区某街道")))).containsExactly("transferTo");
        assertThat(refusedFields(staff.postJson(submit, transfer("")))).containsExactly("transferTo");
        // Deactivated after the task offered it: refused all the same.
        assertThat(new Http(port).as("admin").putJson("/api/admin/reference/TRANSFER_BODY/DISTRICT_COURT",
                Map.of("active", false)).status()).isEqualTo(200);
        Http.Response deactivated = staff.postJson(submit, transfer("DISTRICT_COURT"));
        assertThat(refusedFields(deactivated)).containsExactly("transferTo");
        assertThat(deactivated.body()).contains("移交单位");
        assertThat(item.status()).isEqualTo("RESOLVING");
        assertThat(item.item().get("transferred_to")).isNull();

        Http.Response done = staff.postJson(submit, transfer("DISTRICT_PETITIONS"));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        assertThat(item.status()).isEqualTo("TRANSFERRED");
        assertThat(item.item().get("transferred_to")).isEqualTo("DISTRICT_PETITIONS");
        JsonNode shown = new Http(port).as("center1").get("/api/risk-items/" + item.number).json();
        assertThat(shown.path("transferredTo").asText()).isEqualTo("DISTRICT_PETITIONS");
        assertThat(shown.path("labels").path("transferredTo").asText()).isEqualTo("区信访办");
        assertThat(shown.path("timeline").toString()).contains("移交至：区信访办");
    }

    @Test
    void aRestClientSendsTheCodeOfTheBody() {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C06", "LOW");
        Http staff = new Http(port).as("c06-staff");
        String task = item.task("Task_Resolve").getId();
        assertThat(refusedFields(staff.postJson("/engine-rest/task/" + task + "/complete", transfer("区住建委"))))
                .containsExactly("transferTo");
        Http.Response done = staff.postJson("/engine-rest/task/" + task + "/complete", transfer("DISTRICT_HOUSING"));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        assertThat(item.item().get("transferred_to")).isEqualTo("DISTRICT_HOUSING");
    }
}
