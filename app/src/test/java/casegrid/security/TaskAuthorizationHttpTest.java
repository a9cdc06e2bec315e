package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Engine authorizations over REST: a community sees its own candidate-group tasks and no other community's. */
@CasegridTest
class TaskAuthorizationHttpTest {

    @LocalServerPort int port;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
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
}
