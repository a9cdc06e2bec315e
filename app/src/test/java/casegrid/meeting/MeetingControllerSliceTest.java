package casegrid.meeting;

import static casegrid.support.Slices.caller;
import static casegrid.support.Slices.problemNaming;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import casegrid.access.ItemAccess;
import casegrid.ledger.ReadAudit;
import casegrid.support.ControllerSlice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The key-matters ledger's filters: each bad one named, nothing read; a good read audited with its filter. */
@ControllerSlice(MeetingController.class)
class MeetingControllerSliceTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    MeetingQuery query;
    @MockitoBean
    ItemAccess access;
    @MockitoBean
    MeetingExport export;
    @MockitoBean
    ReadAudit audit;

    @Test
    void badFiltersAreOne400NamingEachAndNothingIsRead() throws Exception {
        mvc.perform(get("/api/meetings").with(caller("leader1", "street-leaders"))
                        .param("tier", "CITY").param("from", "2026-02-30").param("to", "soon")
                        .param("page", "-1").param("size", "201"))
                .andExpect(problemNaming("tier", "from", "to", "page", "size"));
        mvc.perform(get("/api/meetings/export").with(caller("leader1", "street-leaders")).param("tier", "street"))
                .andExpect(problemNaming("tier"));
        mvc.perform(get("/api/meetings").with(caller("leader1", "street-leaders")).param("page", "first"))
                .andExpect(problemNaming("page"));

        verifyNoInteractions(query, export, audit);
    }

    @Test
    void aGoodReadIsAuditedWithItsFilter() throws Exception {
        when(query.page(any(), any(), anyInt(), anyInt())).thenReturn(new MeetingView.Page(0, 10, 0, List.of()));

        mvc.perform(get("/api/meetings").with(caller("leader1", "street-leaders"))
                        .param("tier", "STREET").param("from", "2026-11-01").param("openActions", "true")
                        .param("size", "10"))
                .andExpect(status().isOk());

        verify(query).page(any(), eq(new MeetingFilter("STREET", java.time.LocalDate.of(2026, 11, 1), null, null, true)),
                eq(0), eq(10));
        verify(audit).record(eq("leader1"), isNull(), eq(ReadAudit.LIST_MEETINGS),
                eq("tier=STREET from=2026-11-01 openActions=true page=0 size=10 rows=0"));
    }
}
