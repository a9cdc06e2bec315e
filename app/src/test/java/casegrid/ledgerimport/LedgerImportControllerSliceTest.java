package casegrid.ledgerimport;

import static casegrid.support.Slices.caller;
import static casegrid.support.Slices.problemNaming;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import casegrid.ledger.ReadAudit;
import casegrid.support.ControllerSlice;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The upload's web layer: which run it calls, and each refusal as problem+json naming the file or the row. */
@ControllerSlice(LedgerImportController.class)
class LedgerImportControllerSliceTest {

    @Autowired MockMvc mvc;
    @MockitoBean LedgerImport ledgerImport;
    @MockitoBean ReadAudit audit;

    static MockMultipartFile file(String name, byte[] bytes) {
        return new MockMultipartFile("file", name, "application/octet-stream", bytes);
    }

    static LedgerImport.Report report(boolean imported, int errors, List<LedgerImport.RowReport> lines) {
        return new LedgerImport.Report("台账.xlsx", !imported, imported, lines.size(), 0, 0, errors, List.of(), List.of(), Map.of(), lines);
    }

    @Test
    void withoutDryRunTheUploadIsADryRunAndTheRealRunIsAskedForByName() throws Exception {
        when(ledgerImport.dryRun(anyString(), any(), anyString())).thenReturn(report(false, 0, List.of()));
        mvc.perform(multipart("/api/admin/ledger-import").file(file("台账.xlsx", new byte[] {1}))
                        .with(caller("admin", "camunda-admin")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.dryRun").value(true));
        verify(ledgerImport).dryRun(eq("台账.xlsx"), any(), eq("admin"));
        verify(ledgerImport, never()).run(anyString(), any(), anyString());
        verify(audit).record(eq("admin"), eq(null), eq(LedgerImportController.DRY_RUN), anyString());
    }

    @Test
    void aFileThatIsNotXlsxIs415NamingTheFileWithoutAnyPath() throws Exception {
        when(ledgerImport.dryRun(anyString(), any(), anyString())).thenThrow(new LedgerSheet.NotXlsx("不是 Excel .xlsx 文件"));
        mvc.perform(multipart("/api/admin/ledger-import").file(file("C:\\台账\\名单.csv", new byte[] {1}))
                        .with(caller("admin", "camunda-admin")))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.file").value("名单.csv"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("「名单.csv」")));
    }

    @Test
    void aFileOverTheLimitIs413AndIsNotRead() throws Exception {
        mvc.perform(multipart("/api/admin/ledger-import").file(file("大台账.xlsx", new byte[5 * 1024 * 1024 + 1]))
                        .with(caller("admin", "camunda-admin")))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("「大台账.xlsx」")));
        verifyNoInteractions(ledgerImport);
    }

    @Test
    void aRefusedRealRunIs422WithEveryProblemByRowAndColumn() throws Exception {
        var line = new LedgerImport.RowReport(3, "QF-2027-000001", "x", LedgerImport.Action.ERROR, "化解中", null, null,
                List.of(new LedgerImport.RowProblem("社区（G 列）", "未知社区「幸福社区」")));
        when(ledgerImport.run(anyString(), any(), anyString())).thenThrow(new LedgerImport.Refused(report(false, 1, List.of(line))));
        mvc.perform(multipart("/api/admin/ledger-import").file(file("台账.xlsx", new byte[] {1})).param("dryRun", "false")
                        .with(caller("admin", "camunda-admin")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("第 3 行 社区（G 列）"))
                .andExpect(jsonPath("$.errors[0].message").value("未知社区「幸福社区」"))
                .andExpect(jsonPath("$.report.lines[0].row").value(3));
        verify(audit).record(eq("admin"), eq(null), eq(LedgerImportController.REFUSED), anyString());
    }

    @Test
    void noFilePartIsA400NamingIt() throws Exception {
        mvc.perform(multipart("/api/admin/ledger-import").with(caller("admin", "camunda-admin")))
                .andExpect(problemNaming("file"));
        verifyNoInteractions(ledgerImport);
    }
}
