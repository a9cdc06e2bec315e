package casegrid.intake;

import static casegrid.support.Slices.caller;
import static casegrid.support.Slices.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import casegrid.intake.IntakeService.IntakeResult;
import casegrid.support.ControllerSlice;
import casegrid.support.Slices;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** POST /api/risk-items without the engine: the body and the Idempotency-Key, checked before the service runs. */
@ControllerSlice(IntakeController.class)
class IntakeControllerSliceTest {

    static final String BODY = """
            {"title": "楼道堆放杂物", "description": "三楼楼道堆满纸箱", "category": "PUBLIC_SAFETY",
             "source": "GRID_SURVEY", "community": "C03", "grid": "C03-G01", "address": "福寿里3号",
             "peopleInvolved": 2, "parties": [{"name": "王某", "phone": "13800000000"}]}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @MockitoBean
    IntakeService intake;

    @Test
    void theSliceStartsWithoutEngineNorDatabase() {
        Slices.assertNoEngineNorDatabase(context);
    }

    @Test
    void aBodyOfTheWrongShapeIsA400NamingTheFieldAndRegistersNothing() throws Exception {
        mvc.perform(intake(BODY.replace("\"peopleInvolved\": 2", "\"peopleInvolved\": 2.7")))
                .andExpect(problemNaming("peopleInvolved"));
        mvc.perform(intake(BODY.replace("\"name\": \"王某\"", "\"name\": 5")))
                .andExpect(problemNaming("parties[0].name"));
        mvc.perform(intake(BODY.replace("\"title\"", "\"colour\": \"red\", \"title\"")))
                .andExpect(problemNaming("colour"));
        mvc.perform(intake("{\"title\": ")).andExpect(status().isBadRequest());
        verifyNoInteractions(intake);
    }

    @Test
    void aRegisteredItemIs201WithItsLocationAndTheTrimmedKeyReachesTheService() throws Exception {
        when(intake.register(any(), eq("c03-worker"), eq("hotline-4711")))
                .thenReturn(new IntakeResult("QF-2026-000042", "pi-1", "GRADING", false));

        mvc.perform(intake(BODY).header("Idempotency-Key", "  hotline-4711 "))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/risk-items/QF-2026-000042"))
                .andExpect(header().string("Idempotent-Replayed", "false"))
                .andExpect(jsonPath("$.number").value("QF-2026-000042"))
                .andExpect(jsonPath("$.processInstanceId").value("pi-1"))
                .andExpect(jsonPath("$.status").value("GRADING"));

        ArgumentCaptor<IntakeRequest> request = ArgumentCaptor.forClass(IntakeRequest.class);
        verify(intake).register(request.capture(), eq("c03-worker"), eq("hotline-4711"));
        assertThat(request.getValue().title()).isEqualTo("楼道堆放杂物");
        assertThat(request.getValue().partiesOrEmpty()).extracting(IntakeRequest.PartyInput::name).containsExactly("王某");
    }

    @Test
    void aBlankKeyIsNoKeyAndAReplayIsSaidSo() throws Exception {
        when(intake.register(any(), eq("c03-worker"), isNull()))
                .thenReturn(new IntakeResult("QF-2026-000043", "pi-2", "GRADING", true));

        mvc.perform(intake(BODY).header("Idempotency-Key", "   "))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"));
        verify(intake).register(any(), eq("c03-worker"), isNull());
    }

    @Test
    void aWorkOrderPushedAgainIs200WithTheFirstItemAndTheOrderIdReachesTheService() throws Exception {
        when(intake.register(any(), eq("c03-worker"), isNull()))
                .thenReturn(new IntakeResult("QF-2026-000044", "pi-3", "RESOLVING", false, true));

        mvc.perform(intake(BODY.replace("\"title\"", "\"externalId\": \"GD-2026-1\", \"title\"")))
                .andExpect(status().isOk())
                .andExpect(header().string("Location", "/api/risk-items/QF-2026-000044"))
                .andExpect(jsonPath("$.number").value("QF-2026-000044"))
                .andExpect(jsonPath("$.status").value("RESOLVING"));
        ArgumentCaptor<IntakeRequest> request = ArgumentCaptor.forClass(IntakeRequest.class);
        verify(intake).register(request.capture(), eq("c03-worker"), isNull());
        assertThat(request.getValue().externalId()).isEqualTo("GD-2026-1");
    }

    @Test
    void anOverlongKeyIsA400NamingTheHeaderAndRegistersNothing() throws Exception {
        mvc.perform(intake(BODY).header("Idempotency-Key", "k".repeat(201)))
                .andExpect(problemNaming("Idempotency-Key"));
        verifyNoInteractions(intake);
    }

    private static MockHttpServletRequestBuilder intake(String body) {
        return post("/api/risk-items").contentType(MediaType.APPLICATION_JSON).content(body)
                .with(caller("c03-worker", "community-C03", "grid-workers"));
    }
}
