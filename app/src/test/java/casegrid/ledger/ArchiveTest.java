package casegrid.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The archive case file of a high-risk item driven through the whole process: its PDF's text is
 * extracted and must carry every step, decision, name and time, in Chinese, and the signature lines.
 */
@CasegridTest
class ArchiveTest {

    static String number;

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void closedHighRiskItem() {
        if (number != null) {
            return;
        }
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        try {
            Scenario item = new Scenario(engine, intake, jdbc);
            item.intake("c08-grid1", Scenario.request("C08", "楼上漏水纠纷", "C08 福明路" + System.nanoTime() + "号",
                    "孙悟空", "13611112222", "DISPUTE", 2));
            item.complete("Task_Grade", "c08-staff", "riskLevel", "HIGH", "fixableNow", false, "gradeReason", "双方多次争吵，有升级苗头");
            item.complete("Task_Plan", "center1", "responsibleUnit", "community-C08", "responsibleLeader", "c08-leader",
                    "investigator", "c08-grid1", "resolver", "c08-staff", "stabiliser", "c08-grid2", "dispatcher", "center1",
                    "measures", "组织双方调解，物业配合维修。", "resolveBy", "");
            item.complete("Task_EmergencyPlan", "center1", "activationCriteria", "双方发生肢体冲突", "standDownCriteria",
                    "达成调解协议", "command", "街道分管领导任总指挥", "duties", "社区稳控，派出所出警", "emergencyMeasures", "现场隔离劝离",
                    "supplies", "执法记录仪");
            item.complete("Task_ApproveEmergencyPlan", "leader1", "approved", true, "approvalNote", "");
            item.complete("Task_Feedback", "c08-staff", "feedbackNote", "已核实，双方同意调解");
            item.complete("Task_Resolve", "c08-staff", "resolutionOutcome", "RESOLVED", "progressNote", "签订调解协议，已维修");
            item.complete("Task_RequestClosure", "c08-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "调解协议书一份", "noEvidenceReason", "纸质材料在社区存档");
            item.complete("Task_ApproveClosure", "leader1", "approved", true, "approvalNote", "同意销号");
            assertThat(item.status()).isEqualTo("CLOSED");
            number = item.number;
        } finally {
            ClockUtil.reset();
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** The PDF's text, all pages, with line breaks and spaces removed (table cells wrap anywhere). */
    String text(byte[] pdf) throws IOException {
        PdfReader reader = new PdfReader(pdf);
        try {
            StringBuilder text = new StringBuilder();
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page));
            }
            return text.toString().replaceAll("\\s+", "");
        } finally {
            reader.close();
        }
    }

    HttpResponse<byte[]> archive(String user) {
        return new Http(port).as(user).download("/api/risk-items/" + number + "/archive");
    }

    @Test
    void theCaseFileCarriesEveryStepDecisionNameAndTime() throws IOException {
        HttpResponse<byte[]> response = archive("center1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(new String(response.body(), 0, 5)).isEqualTo("%PDF-");
        String text = text(response.body());
        assertThat(text).contains("全福街道风险隐患档案", number, "内部资料注意保密")
                // intake and parties (the street center sees them)
                .contains("楼上漏水纠纷", "社会矛盾纠纷", "网格排查", "福明社区", "孙悟空", "13611112222", "福明社区网格员1（c08-grid1）")
                // grading
                .contains("研判定级", "确定等级高", "双方多次争吵，有升级苗头", "福明社区工作人员（c08-staff）2026-11-2310:00")
                // plan and duty holders
                .contains("一事一策", "包案领导福明社区书记（c08-leader）", "化解责任人福明社区工作人员（c08-staff）",
                        "稳控责任人福明社区网格员2（c08-grid2）", "调度责任人综治中心工作人员1（center1）", "组织双方调解，物业配合维修。")
                // emergency plan
                .contains("应急处置预案", "启动条件双方发生肢体冲突", "物资保障执法记录仪")
                // deadlines
                .contains("T+2反馈期限2026-11-26", "化解期限")
                // closure
                .contains("销号结果合理诉求已解决", "调解协议书一份", "街道领导1（leader1）")
                // the timeline: each step with who and when
                .contains("办理全过程记录", "登记事项", "同意应急预案", "签订调解协议，已维修", "同意销号")
                // signature lines
                .contains("经办人（签字）", "审核人（签字）", "日期：______年____月____日");
        assertThat(jdbc.sql("select count(*) from access_audit where number = ? and user_id = 'center1' and action = 'ARCHIVE_ITEM'")
                .param(number).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theFontIsEmbeddedAsASubset() {
        byte[] pdf = archive("center1").body();
        String raw = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
        // A subset font is named with a six-letter tag; FontFile2 is the embedded TrueType program.
        assertThat(raw).containsPattern("/BaseFont\\s*/[A-Z]{6}\\+WenQuanYi").contains("/FontFile2");
        // Only the glyphs used travel with the file, not the 5 MB font.
        assertThat(pdf.length).isLessThan(1_000_000);
    }

    @Test
    void aLeaderWhoIsNotTheItemsResponsibleLeaderSeesThePartiesMasked() throws IOException {
        HttpResponse<byte[]> response = archive("leader2");
        assertThat(response.statusCode()).isEqualTo(200);
        String text = text(response.body());
        assertThat(text).contains("孙**", "136****2222").doesNotContain("孙悟空", "13611112222");
        assertThat(text(archive("c08-leader").body())).contains("孙悟空", "13611112222");
    }

    @Test
    void outsideTheItemsArea403UnknownNumber404WithoutCredentials401() {
        HttpResponse<byte[]> outside = archive("c07-staff");
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(outside.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(new Http(port).as("justice1").download("/api/risk-items/" + number + "/archive").statusCode()).isEqualTo(403);
        assertThat(new Http(port).as("center1").download("/api/risk-items/QF-2026-999997/archive").statusCode()).isEqualTo(404);
        assertThat(new Http(port).download("/api/risk-items/" + number + "/archive").statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from access_audit where number = ? and user_id = 'c07-staff'")
                .param(number).query(Integer.class).single()).isZero();
    }
}
