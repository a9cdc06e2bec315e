package casegrid.reporting;

import static casegrid.support.Slices.caller;
import static casegrid.support.Slices.problemNaming;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import casegrid.access.ItemAccess;
import casegrid.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** A report's period is checked before anything is computed or scoped. */
@ControllerSlice(ReportController.class)
class ReportControllerSliceTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ReportService reports;
    @MockitoBean
    ReportSnapshots snapshots;
    @MockitoBean
    ItemAccess access;
    @MockitoBean
    DistrictReport district;
    @MockitoBean
    casegrid.org.OrgDirectory org;

    @Test
    void aBadWeekOrMonthIsA400NamingItAndNothingIsComputed() throws Exception {
        for (String week : new String[] {"2026-48", "2026-W54", "W48"}) {
            mvc.perform(get("/api/reports/weekly").param("week", week).with(caller("leader1", "street-leaders")))
                    .andExpect(problemNaming("week"));
        }
        for (String month : new String[] {"2026-13", "2026/11", "November"}) {
            mvc.perform(get("/api/reports/monthly").param("month", month).with(caller("leader1", "street-leaders")))
                    .andExpect(problemNaming("month"));
        }
        verifyNoInteractions(reports, snapshots, access);
    }
}
