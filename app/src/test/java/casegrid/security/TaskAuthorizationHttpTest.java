package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Engine authorizations over REST: a community's staff see its candidate-group tasks and no other
 * community's; grid workers are no candidates of casework; claimed work is its assignee's; nobody
 * but an administrator reassigns (issue 9, hole 8).
 */
@CasegridTest
class TaskAuthorizationHttpTest {

    @LocalServerPort int port;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    String deploymentId;
    ProcessInstance instance;

    @BeforeEach
    void deployProbe() {
        deploymentId = repositoryService.createDeployment()
                .addClasspathResource("test-processes/c03-task.bpmn").name("authorization-probe").deploy().getId();
        instance = runtimeService.startProcessInstanceByKey("authorizationProbe");
    }

    @AfterEach
    void removeProbe() {
        // A deployment with running instances is never deleted (LiveCaseGuard): end the probe's first.
        runtimeService.createProcessInstanceQuery().deploymentId(deploymentId).list()
                .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "probe done"));
        repositoryService.deleteDeployment(deploymentId, true);
    }

    @Test
    void communityC03SeesItsTaskAndC07DoesNot() {
        String query = "/engine-rest/task?maxResults=50&processInstanceId=" + instance.getId();
        assertThat(new Http(port).as("c03-staff").get(query).json()).hasSize(1);
        assertThat(new Http(port).as("c07-staff").get(query).json()).isEmpty();
        assertThat(new Http(port).as("c03-leader").get(query).json()).as("leaders are their own group").isEmpty();
        assertThat(new Http(port).as("c03-grid1").get(query).json()).as("grid workers do no casework").isEmpty();
        assertThat(new Http(port).as("admin").get(query).json()).hasSize(1);
    }

    @Test
    void aCommunityUserCannotClaimAnotherCommunitysTask() {
        String taskId = new Http(port).as("c03-staff").get("/engine-rest/task?maxResults=50&processInstanceId=" + instance.getId())
                .json().get(0).path("id").asText();
        assertThat(new Http(port).as("c07-staff").postJson("/engine-rest/task/" + taskId + "/claim",
                java.util.Map.of("userId", "c07-staff")).status()).isIn(403, 404);
        assertThat(new Http(port).as("c03-staff").postJson("/engine-rest/task/" + taskId + "/claim",
                java.util.Map.of("userId", "c03-staff")).status()).isEqualTo(204);
    }

    @Test
    void gridWorkersAreNoCandidatesOfTheirCommunitysGrading() {
        Scenario item = new Scenario(engine, intake, jdbc).intake("c03-grid1", Scenario.neighbourDispute("C03"));
        String query = "/engine-rest/task?maxResults=50&processInstanceId=" + item.processInstanceId;
        assertThat(new Http(port).as("c03-grid2").get(query).json()).isEmpty();
        assertThat(new Http(port).as("c03-grid1").get(query).json()).as("not even the reporter").isEmpty();
        JsonNode tasks = new Http(port).as("c03-staff").get(query).json();
        assertThat(tasks).hasSize(1);
        String grade = "/engine-rest/task/" + tasks.get(0).path("id").asText();
        Map<String, Object> graded = Map.of("variables", Map.of("riskLevel", Map.of("value", "LOW"),
                "fixableNow", Map.of("value", false)));
        assertThat(new Http(port).as("c03-grid2").postJson(grade + "/claim", Map.of("userId", "c03-grid2")).status())
                .isIn(403, 404);
        assertThat(new Http(port).as("c03-grid2").postJson(grade + "/complete", graded).status()).isIn(403, 404);
        assertThat(new Http(port).as("c03-grid2").get(grade + "/variables").status()).isIn(403, 404);
        assertThat(item.task("Task_Grade").getAssignee()).isNull();
    }

    @Test
    void claimedWorkIsItsAssigneesAndNobodyButTheAdministratorReassignsIt() {
        Scenario item = new Scenario(engine, intake, jdbc).intake("c03-grid1", Scenario.neighbourDispute("C03"))
                .complete("Task_Grade", "c03-staff", "riskLevel", "HIGH", "fixableNow", false, "gradeReason", "多次冲突");
        String plan = "/engine-rest/task/" + item.task("Task_Plan").getId();
        Http center1 = new Http(port).as("center1");
        Http center2 = new Http(port).as("center2");

        // A candidate may not hand the task to someone else, before or after claiming it.
        assertThat(center1.postJson(plan + "/assignee", Map.of("userId", "c07-staff")).status()).isEqualTo(403);
        assertThat(center1.postJson(plan + "/claim", Map.of("userId", "center1")).status()).isEqualTo(204);
        assertThat(center1.postJson(plan + "/assignee", Map.of("userId", "c07-staff")).status()).isEqualTo(403);
        assertThat(center1.postJson(plan + "/delegate", Map.of("userId", "c07-staff")).status()).isEqualTo(403);
        assertThat(center1.postJson(plan + "/identity-links", Map.of("userId", "c07-staff", "type", "candidate")).status())
                .isEqualTo(403);
        assertThat(item.task("Task_Plan").getAssignee()).isEqualTo("center1");
        assertThat(new Http(port).as("c07-staff").get(plan + "/variables").status()).isIn(403, 404);
        assertThat(new Http(port).as("c07-staff").get(plan + "/form-variables").status()).isIn(403, 404);

        // Another candidate may not take over claimed work in any way.
        Map<String, Object> answers = Map.of("variables", Map.of("measures", Map.of("value", "抢先提交")));
        assertThat(center2.postJson(plan + "/complete", answers).status()).isEqualTo(403);
        assertThat(center2.postJson(plan + "/submit-form", answers).status()).isEqualTo(403);
        assertThat(center2.postJson(plan + "/resolve", answers).status()).isEqualTo(403);
        assertThat(center2.putJson(plan + "/variables/measures", Map.of("value", "改写")).status()).isEqualTo(403);
        assertThat(center2.postJson(plan + "/variables", Map.of("modifications", Map.of("measures", Map.of("value", "改写"))))
                .status()).isEqualTo(403);
        assertThat(center2.postJson(plan + "/claim", Map.of("userId", "center2")).status()).isNotEqualTo(204);
        item.task("Task_Plan"); // still open
        assertThat(item.variable("measures")).isNull();

        // The assignee hands it back (Tasklist's unclaim); then a colleague claims it.
        assertThat(center1.postJson(plan + "/unclaim", "").status()).isEqualTo(204);
        assertThat(item.task("Task_Plan").getAssignee()).isNull();
        assertThat(center2.postJson(plan + "/unclaim", "").status()).as("only one's own").isEqualTo(403);
        assertThat(center2.postJson(plan + "/claim", Map.of("userId", "center2")).status()).isEqualTo(204);

        // The administrator may reassign.
        assertThat(new Http(port).as("admin").postJson(plan + "/assignee", Map.of("userId", "center1")).status())
                .isEqualTo(204);
        assertThat(item.task("Task_Plan").getAssignee()).isEqualTo("center1");
    }
}
