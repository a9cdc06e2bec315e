package casegrid.audit;

import static casegrid.support.Slices.caller;
import static casegrid.support.Slices.problemNaming;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import casegrid.ledger.ReadAudit;
import casegrid.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The audit's filters: every bad one named in one 400, before access_audit is queried or the read recorded. */
@ControllerSlice(AuditController.class)
class AuditControllerSliceTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    casegrid.access.ItemAccess access;
    @MockitoBean
    JdbcClient jdbc;
    @MockitoBean
    ReadAudit audit;
    @MockitoBean
    AuditExport export;

    @Test
    void badFiltersAreOne400NamingEachAndNothingIsQueried() throws Exception {
        mvc.perform(get("/api/audit").with(caller("admin", "camunda-admin"))
                        .param("action", "PEEK").param("from", "2026-1-1").param("to", "today")
                        .param("page", "-1").param("size", "501"))
                .andExpect(problemNaming("action", "from", "to", "page", "size"));
        mvc.perform(get("/api/audit").with(caller("admin", "camunda-admin"))
                        .param("from", "2026-11-02").param("to", "2026-11-01"))
                .andExpect(problemNaming("to"));
        mvc.perform(get("/api/audit/export").with(caller("admin", "camunda-admin")).param("from", "1.11.2026"))
                .andExpect(problemNaming("from"));

        verifyNoInteractions(jdbc, audit, export);
    }
}
