package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hole 2 of issue 9: a Tasklist session is a cookie the browser sends by itself, so every
 * state-changing call made with it must carry the webapp's CSRF token, whatever was read before.
 */
@CasegridTest
class CsrfHttpTest {

    @LocalServerPort int port;
    @Autowired RepositoryService repositoryService;

    /** A browser logged into Tasklist, and the CSRF token of its (renewed) session. */
    record Browser(Http http, String token) {
    }

    Browser tasklistLogin(String user) {
        Http http = new Http(port);
        http.get("/camunda/app/tasklist/default/");
        Http.Response login = http.header("X-XSRF-TOKEN", http.cookie("XSRF-TOKEN"))
                .postForm("/camunda/api/admin/auth/user/default/login/tasklist", Map.of("username", user, "password", user));
        assertThat(login.status()).as("Tasklist login of " + user).isEqualTo(200);
        String token = http.get("/camunda/app/tasklist/default/").header("X-XSRF-TOKEN");
        assertThat(token).isNotBlank();
        // Like a forged cross-site request: the cookie goes along, the token does not.
        http.header("X-XSRF-TOKEN", "");
        return new Browser(http, token);
    }

    @Test
    void afterASessionReadAnIntakeWithoutTheTokenIsRefusedAndWithItAccepted() {
        Browser browser = tasklistLogin("c05-grid1");
        assertThat(browser.http().get("/api/me").status()).isEqualTo(200);

        Http.Response forged = browser.http().postJson("/api/risk-items", Scenario.neighbourDispute("C05"));
        assertThat(forged.status()).isIn(401, 403);
        assertThat(forged.header("Content-Type")).startsWith("application/problem+json");

        Http.Response real = browser.http().header("X-XSRF-TOKEN", browser.token())
                .postJson("/api/risk-items", Scenario.neighbourDispute("C05"));
        assertThat(real.status()).isEqualTo(201);
    }

    @Test
    void afterOpeningTheDashboardADeploymentWithoutTheTokenIsRefused() throws IOException {
        Browser browser = tasklistLogin("designer");
        assertThat(browser.http().get("/dashboard").status()).isIn(200, 403);
        assertThat(browser.http().get("/api/me").status()).isEqualTo(200);
        long before = repositoryService.createDeploymentQuery().count();
        byte[] model = Files.readAllBytes(Path.of("src/test/resources/test-processes/c03-task.bpmn"));

        Http.Response forged = browser.http().postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", "csrf-probe"), Map.of("c03-task.bpmn", model));
        assertThat(forged.status()).isIn(401, 403);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);

        Http.Response real = browser.http().header("X-XSRF-TOKEN", browser.token()).postMultipart(
                "/engine-rest/deployment/create", Map.of("deployment-name", "csrf-probe"), Map.of("c03-task.bpmn", model));
        assertThat(real.status()).isEqualTo(200);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before + 1);
    }

    @Test
    void aRequestFromAnotherOriginIsRefusedEvenWithTheTokenOrBasicCredentials() {
        Browser browser = tasklistLogin("c06-grid1");
        Http.Response withToken = browser.http().header("X-XSRF-TOKEN", browser.token())
                .header("Origin", "https://evil.example").postJson("/api/risk-items", Scenario.neighbourDispute("C06"));
        assertThat(withToken.status()).isEqualTo(403);
        assertThat(withToken.header("Content-Type")).startsWith("application/problem+json");

        // A browser that cached basic credentials for the dashboard sends them to a forged form too.
        Http basic = new Http(port).as("c06-grid2").header("Origin", "http://evil.example");
        assertThat(basic.postJson("/api/risk-items", Scenario.neighbourDispute("C06")).status()).isEqualTo(403);
        Http fetchMetadata = new Http(port).as("c06-grid2").header("Sec-Fetch-Site", "cross-site");
        assertThat(fetchMetadata.postJson("/api/risk-items", Scenario.neighbourDispute("C06")).status()).isEqualTo(403);
        // Reading stays open to links from elsewhere, and the app's own origin may write.
        assertThat(new Http(port).as("c06-grid2").header("Sec-Fetch-Site", "cross-site").get("/api/me").status()).isEqualTo(200);
        Http sameOrigin = new Http(port).as("c06-grid2").header("Origin", "http://localhost:" + port);
        assertThat(sameOrigin.postJson("/api/risk-items", Scenario.neighbourDispute("C06")).status()).isEqualTo(201);
    }

    @Test
    void everySessionCookieIsSameSiteLaxAndTheApiSetsNone() {
        Http http = new Http(port);
        Http.Response page = http.get("/camunda/app/tasklist/default/");
        Http.Response login = http.header("X-XSRF-TOKEN", http.cookie("XSRF-TOKEN"))
                .postForm("/camunda/api/admin/auth/user/default/login/tasklist", Map.of("username", "c07-grid1", "password", "c07-grid1"));
        assertThat(login.status()).isEqualTo(200);
        List<String> sessionCookies = Stream.of(page, login)
                .flatMap(r -> r.raw().headers().allValues("Set-Cookie").stream())
                .filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertThat(sessionCookies).isNotEmpty().allSatisfy(c -> {
            assertThat(c).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly");
            assertThat(c.toLowerCase().split("samesite", -1)).as("one SameSite attribute: " + c).hasSize(2);
        });
        // Basic callers of the API get no session to forge with.
        assertThat(new Http(port).as("c07-grid1").get("/api/me").header("Set-Cookie")).isNull();
    }
}
