package casegrid.intake;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.TestFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 11: an item with a party walks its whole life over HTTP as its users would — the Tasklist
 * start form, every task through the engine REST, an evidence file through the app's API, write-off
 * and the follow-up visit — and afterwards the engine's history tables (ACT_HI_VARINST, ACT_HI_DETAIL
 * and the byte arrays they point to) hold neither the party's name nor phone, nor the file.
 */
@CasegridTest
class PersonalDataFullLifeHttpTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private String number;

    private static Map<String, Object> answers(Object... keyValues) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            variables.put((String) keyValues[i], Map.of("value", keyValues[i + 1]));
        }
        return Map.of("variables", variables);
    }

    /** Claims the item's open task and submits its form as Tasklist does; the answer's status. */
    private Http.Response submit(String user, String taskKey, Object... keyValues) {
        Http http = new Http(port).as(user);
        JsonNode tasks = http.get("/engine-rest/task?processInstanceBusinessKey=" + number + "&taskDefinitionKey=" + taskKey + "&maxResults=10").json();
        assertThat(tasks).as(taskKey + " for " + user).hasSize(1);
        String id = tasks.get(0).path("id").asText();
        if (tasks.get(0).path("assignee").isNull() || tasks.get(0).path("assignee").isMissingNode()) {
            assertThat(http.postJson("/engine-rest/task/" + id + "/claim", Map.of("userId", user)).status()).isEqualTo(204);
        }
        return http.postJson("/engine-rest/task/" + id + "/submit-form", answers(keyValues));
    }

    private void complete(String user, String taskKey, Object... keyValues) {
        Http.Response response = submit(user, taskKey, keyValues);
        assertThat(response.status()).as(taskKey + ": " + response.body()).isEqualTo(204);
    }

    @Test
    void afterAFullLifeTheHistoryTablesHoldNoPartyNameOrPhone() {
        String name = "冯" + System.nanoTime();
        String phone = "136" + String.format("%08d", System.nanoTime() % 100_000_000);
        Http.Response started = new Http(port).as("c03-grid1")
                .postJson("/engine-rest/process-definition/key/riskItem/submit-form", PersonalDataHistoryHttpTest.startForm(name, phone));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String instance = started.json().path("id").asText();
        number = started.json().path("businessKey").asText();

        complete("c03-staff", "Task_Grade", "riskLevel", "LOW", "fixableNow", false, "gradeReason", "现场核实，隐患可控");
        complete("c03-staff", "Task_Plan", "responsibleUnit", "community-C03", "responsibleLeader", "c03-leader",
                "investigator", "c03-grid1", "resolver", "c03-staff", "stabiliser", "c03-grid2", "dispatcher", "center1",
                "measures", "清理楼道电线，安装集中充电桩。", "resolveBy", "");
        complete("c03-staff", "Task_Feedback", "feedbackNote", "已核实，物业同意整改");
        complete("c03-staff", "Task_Resolve", "resolutionOutcome", "RESOLVED", "progressNote", "电线已拆除，充电桩已安装");

        // Write-off without an evidence file or a reason: the task stays, the refusal names the field.
        Http.Response refused = submit("c03-staff", "Task_RequestClosure", "closureOutcome", "RECTIFIED",
                "closureEvidence", "整改完毕");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("noEvidenceReason");
        Http.Response uploaded = new Http(port).as("c03-staff").postMultipart("/api/risk-items/" + number + "/attachments",
                Map.of("purpose", "EVIDENCE"), Map.of("file", TestFiles.jpegWithGps()));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        complete("c03-staff", "Task_RequestClosure", "closureOutcome", "RECTIFIED", "closureEvidence", "整改完毕，见现场照片");
        complete("c03-leader", "Task_ApproveClosure", "approved", true, "approvalNote", "同意销号");
        assertThat(jdbc.sql("select status from risk_item where number = ?").param(number).query(String.class).single())
                .isEqualTo("CLOSED");
        complete("c03-staff", "Task_FollowUpVisit", "satisfaction", "SATISFIED", "visitNote", "住户满意");
        assertThat(jdbc.sql("select end_time_ from act_hi_procinst where id_ = ?").param(instance).query().singleValue())
                .as("the instance has ended").isNotNull();
        // The party is on the item, unmasked for its community.
        JsonNode item = new Http(port).as("c03-staff").get("/api/risk-items/" + number).json();
        assertThat(item.path("parties").get(0).path("name").asText()).isEqualTo(name);

        List<String> history = new ArrayList<>();
        for (String table : List.of("act_hi_varinst", "act_hi_detail")) {
            history.addAll(jdbc.sql("""
                            select concat_ws(' | ', h.name_, h.text_, h.text2_, convert_from(b.bytes_, 'UTF8'))
                            from %s h left join act_ge_bytearray b on b.id_ = h.bytearray_id_
                            where h.root_proc_inst_id_ = ? or h.proc_inst_id_ = ?""".formatted(table))
                    .params(instance, instance).query(String.class).list());
        }
        String all = String.join("\n", history);
        assertThat(history).as("history was written (level FULL)").hasSizeGreaterThan(20);
        assertThat(all).contains("gradeReason").contains("现场核实，隐患可控").contains("closureEvidence");
        assertThat(all).doesNotContain(name).doesNotContain(phone).doesNotContain("partyName").doesNotContain("partyPhone");
        // Attachments never become variables: no file or bytes variable anywhere in the item's history.
        for (String table : List.of("act_hi_varinst", "act_hi_detail")) {
            assertThat(jdbc.sql("select count(*) from %s where (root_proc_inst_id_ = ? or proc_inst_id_ = ?) and var_type_ in ('file', 'bytes')"
                    .formatted(table)).params(instance, instance).query(Integer.class).single()).as(table).isZero();
        }
    }
}
