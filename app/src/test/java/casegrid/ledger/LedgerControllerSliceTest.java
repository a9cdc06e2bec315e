package casegrid.ledger;

import static casegrid.support.Slices.caller;
import static casegrid.support.Slices.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import casegrid.access.ItemAccess;
import casegrid.org.OrgDirectory;
import casegrid.reference.ReferenceData;
import casegrid.support.ControllerSlice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The ledger's parameters: every bad one named in one 400, before the ledger is read or the read audited. */
@ControllerSlice(LedgerController.class)
class LedgerControllerSliceTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    LedgerService ledger;
    @MockitoBean
    ArchiveService archive;
    @MockitoBean
    ItemAccess access;
    @MockitoBean
    OrgDirectory org;
    @MockitoBean
    ReadAudit audit;
    @MockitoBean
    ReferenceData reference;

    @Test
    void badParametersAreOne400NamingEachAndNothingIsRead() throws Exception {
        when(org.communities()).thenReturn(List.of(new OrgDirectory.Community("C03", "福寿社区", "supervision-1")));

        mvc.perform(get("/api/risk-items").with(caller("leader1", "street-leaders"))
                        .param("page", "-1").param("size", "500").param("sort", "title,up")
                        .param("from", "2026-13-01").param("to", "yesterday").param("community", "C99")
                        .param("colour", "red"))
                .andExpect(problemNaming("colour", "community", "from", "to", "page", "size", "sort"));
        mvc.perform(get("/api/risk-items").with(caller("leader1", "street-leaders"))
                        .param("from", "2026-11-02").param("to", "2026-11-01"))
                .andExpect(problemNaming("to"));
        mvc.perform(get("/api/risk-items/export").with(caller("leader1", "street-leaders")).param("page", "0"))
                .andExpect(problemNaming("page"));

        verifyNoInteractions(ledger, audit);
    }

    @Test
    void aGoodPageIsReadAsAskedAndAudited() throws Exception {
        when(ledger.page(any(), any())).thenReturn(new LedgerPage(1, 5, 6, List.of()));

        mvc.perform(get("/api/risk-items").with(caller("leader1", "street-leaders"))
                        .param("page", "1").param("size", "5").param("sort", "number,desc").param("level", "HIGH"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(6));

        ArgumentCaptor<LedgerQuery> query = ArgumentCaptor.forClass(LedgerQuery.class);
        verify(ledger).page(any(), query.capture());
        assertThat(query.getValue().page()).isEqualTo(1);
        assertThat(query.getValue().size()).isEqualTo(5);
        assertThat(query.getValue().orderBy()).isEqualTo("r.number desc");
        verify(audit).record(eq("leader1"), isNull(), eq(ReadAudit.LIST_LEDGER), eq("level=HIGH page=1 size=5 rows=0"));
    }
}
