package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every security rule proved with a real HTTP call against the running app. */
@CasegridTest
class SecurityHttpTest {

    @LocalServerPort int port;
    @Autowired RepositoryService repositoryService;
    @Autowired IdentityService identityService;

    @Test
    void withoutCredentialsTheApiAndEngineRestAnswer401ProblemJson() {
        for (String path : new String[] {"/api/me", "/engine-rest/task", "/engine-rest/engine", "/engine-rest/process-definition"}) {
            Http.Response response = new Http(port).get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(response.json().path("status").asInt()).isEqualTo(401);
            assertThat(response.header("Set-Cookie")).as("no session for a refused call").isNull();
        }
    }

    @Test
    void aWrongPasswordIs401AndTheRightOneIs200() {
        assertThat(new Http(port).as("c05-staff", "wrong").get("/api/me").status()).isEqualTo(401);
        assertThat(new Http(port).as("c06-staff", "c06-staff").get("/engine-rest/engine").status()).isEqualTo(200);
        Http.Response me = new Http(port).as("c03-grid1").get("/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asText()).isEqualTo("c03-grid1");
        assertThat(me.json().path("groups").toString()).contains("grid-workers", "community-C03");
        assertThat(me.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(me.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void theAdminFirstRunSetupIsClosed() {
        Http.Response response = new Http(port).postJson("/camunda/api/admin/setup/default/user/create",
                Map.of("profile", Map.of("id", "intruder", "firstName", "x", "lastName", "y"),
                        "credentials", Map.of("password", "intruder1")));
        assertThat(response.status()).isIn(401, 403);
        assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
    }

    @Test
    void actuatorShowsHealthAndInfoOnlyAndMetricsToAdmins() {
        assertThat(new Http(port).get("/actuator/health").body()).contains("UP");
        assertThat(new Http(port).get("/actuator/info").status()).isEqualTo(200);
        assertThat(new Http(port).get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(new Http(port).as("c04-staff").get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(new Http(port).as("admin").get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(new Http(port).as("admin").get("/actuator/env").status()).isEqualTo(404);
        assertThat(new Http(port).as("admin").get("/actuator/beans").status()).isEqualTo(404);
    }

    @Test
    void healthDetailsAreForAdministratorsOnly() {
        for (Http caller : new Http[] {new Http(port), new Http(port).as("c04-staff"), new Http(port).as("leader1")}) {
            Http.Response health = caller.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
            assertThat(health.json().has("components")).as("components shown to a non-admin").isFalse();
            assertThat(health.body()).doesNotContain("diskSpace").doesNotContain("PostgreSQL");
        }
        Http.Response admin = new Http(port).as("admin").get("/actuator/health");
        assertThat(admin.json().path("components").path("db").path("details").path("database").asText()).isEqualTo("PostgreSQL");
        assertThat(admin.json().path("components").has("diskSpace")).isTrue();
    }

    @Test
    void aDesignerDeployingAScriptTaskIsRefusedClearlyAndNothingIsDeployed() throws IOException {
        long before = repositoryService.createDeploymentQuery().count();
        Http.Response response = new Http(port).as("designer").postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", "script-probe"),
                Map.of("script-task.bpmn", Files.readAllBytes(Path.of("src/test/resources/test-processes/script-task.bpmn"))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("不允许").contains("script task Task_Script");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("scriptProbe").count()).isZero();
    }

    @Test
    void aNonDesignerMayNotDeploy() throws IOException {
        long before = repositoryService.createDeploymentQuery().count();
        Http.Response response = new Http(port).as("center2").postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", "not-mine"),
                Map.of("c03-task.bpmn", Files.readAllBytes(Path.of("src/test/resources/test-processes/c03-task.bpmn"))));
        assertThat(response.status()).isEqualTo(403);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void aDemoUserLogsIntoTasklistAndTheSessionReachesTheApi() {
        Http browser = new Http(port);
        assertThat(browser.get("/camunda/app/tasklist/default/").status()).isEqualTo(200);
        String csrf = browser.cookie("XSRF-TOKEN");
        assertThat(csrf).isNotBlank();
        Http.Response login = browser.header("X-XSRF-TOKEN", csrf)
                .postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                        Map.of("username", "c03-staff", "password", "c03-staff"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("userId").asText()).isEqualTo("c03-staff");
        assertThat(login.json().path("authorizedApps").toString()).contains("tasklist");
        // The same browser session may read the API, without basic credentials.
        Http.Response me = browser.get("/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asText()).isEqualTo("c03-staff");
    }

    @Test
    void aSessionCallThatChangesStateNeedsTheWebappCsrfToken() {
        Http browser = new Http(port);
        browser.get("/camunda/app/tasklist/default/");
        String csrf = browser.cookie("XSRF-TOKEN");
        browser.header("X-XSRF-TOKEN", csrf).postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                Map.of("username", "c04-staff", "password", "c04-staff"));
        // Login renews the session; the webapp's next call hands out the new session's token.
        String token = browser.get("/camunda/app/tasklist/default/").header("X-XSRF-TOKEN");
        // A forged cross-site request carries the session cookie but cannot know the token.
        assertThat(browser.header("X-XSRF-TOKEN", "forged").postJson("/engine-rest/task?maxResults=10", Map.of()).status())
                .isEqualTo(403);
        assertThat(token).isNotBlank();
        assertThat(browser.header("X-XSRF-TOKEN", token).postJson("/engine-rest/task?maxResults=10", Map.of())
                .status()).isEqualTo(200);
    }
}
