package casegrid.web;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The OpenAPI description of /api and its Swagger UI: for signed-in callers, generated from the typed views. */
@CasegridTest
class OpenApiHttpTest {

    @LocalServerPort int port;

    @Test
    void aSignedInCallerGetsTheApiDescriptionWithTheIntakeBodyAndTheTypedViews() {
        Http.Response docs = new Http(port).as("c03-staff").get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode api = docs.json();
        JsonNode register = api.path("paths").path("/api/risk-items").path("post");
        assertThat(register.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/IntakeRequest");
        JsonNode intake = api.path("components").path("schemas").path("IntakeRequest").path("properties");
        assertThat(intake.has("title") && intake.has("community") && intake.has("parties")).isTrue();
        // The city platform's work-order id (docs/integration.md), with its description.
        assertThat(intake.path("externalId").path("description").asText()).contains("市矛盾纠纷多元化解平台");
        assertThat(intake.path("externalId").path("maxLength").asInt()).isEqualTo(64);
        assertThat(api.path("paths").has("/api/risk-items/{number}")).isTrue();
        // The item, ledger and meeting answers are records, so their fields are documented too.
        JsonNode schemas = api.path("components").path("schemas");
        List<String> names = new java.util.ArrayList<>();
        schemas.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("ItemView", "LedgerPage", "LedgerItem", "MeetingView", "Page");
        assertThat(schemas.path("ItemView").path("properties").has("timeline")).isTrue();
        assertThat(schemas.path("ItemView").path("properties").has("platformSync")).isTrue();
        assertThat(schemas.path("LedgerItem").path("properties").has("personalDataMasked")).isTrue();
        assertThat(schemas.path("MeetingView").path("properties").has("actions")).isTrue();
        // casegrid's own API only: the engine's REST API is documented by Camunda.
        api.path("paths").fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/"));
    }

    @Test
    void withoutCredentialsTheApiDescriptionAndSwaggerUiAre401() {
        for (String path : List.of("/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui.html",
                "/swagger-ui/index.html")) {
            assertThat(new Http(port).anonymous().get(path).status()).as(path).isEqualTo(401);
        }
        assertThat(new Http(port).as("c03-staff").get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
