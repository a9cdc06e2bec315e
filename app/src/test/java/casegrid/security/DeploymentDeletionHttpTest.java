package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Hole 7: a designer cannot delete deployments, and nobody deletes a model that running items use. */
@CasegridTest
class DeploymentDeletionHttpTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired AuthorizationService authorizationService;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @Test
    void aDesignerCannotDeleteTheDeploymentTheyMade() throws IOException {
        String deploymentId = deployProbeAs("designer");
        assertThat(authorizationService.createAuthorizationQuery().resourceType(Resources.DEPLOYMENT)
                .resourceId(deploymentId).count()).as("no owner grant on a new deployment").isZero();
        ProcessInstance running = engine.getRuntimeService().startProcessInstanceByKey("authorizationProbe");

        Http.Response refused = new Http(port).as("designer").delete("/engine-rest/deployment/" + deploymentId + "?cascade=true");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(new Http(port).as("designer").delete("/engine-rest/deployment/" + deploymentId).status()).isEqualTo(403);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(running.getId()).count()).isOne();

        Http.Response inUse = new Http(port).as("admin").delete("/engine-rest/deployment/" + deploymentId + "?cascade=true");
        assertThat(inUse.status()).as(inUse.body()).isEqualTo(400);
        assertThat(inUse.body()).contains("运行中的流程实例");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(running.getId()).count()).isOne();

        engine.getRuntimeService().deleteProcessInstance(running.getId(), "test clean-up");
        assertThat(new Http(port).as("admin").delete("/engine-rest/deployment/" + deploymentId + "?cascade=true").status())
                .as("an unused deployment goes").isEqualTo(204);
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(deploymentId).count()).isZero();
    }

    @Test
    void theAdministratorCannotCascadeDeleteTheModelOfRunningItems() {
        Scenario item = new Scenario(engine, intake, jdbc).intake("c03-grid1", Scenario.neighbourDispute("C03"));
        String definitionId = item.instance().getProcessDefinitionId();
        String deploymentId = engine.getRepositoryService().getProcessDefinition(definitionId).getDeploymentId();
        Http admin = new Http(port).as("admin");

        Http.Response refused = admin.delete("/engine-rest/deployment/" + deploymentId + "?cascade=true");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(admin.delete("/engine-rest/process-definition/" + definitionId + "?cascade=true").status()).isEqualTo(400);
        assertThat(admin.delete("/engine-rest/process-definition/key/riskItem/delete?cascade=true").status()).isEqualTo(400);

        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(item.processInstanceId).count())
                .isOne();
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(deploymentId).count()).isOne();
    }

    private String deployProbeAs(String user) throws IOException {
        Http.Response deployed = new Http(port).as(user).postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", "deletion-probe"),
                Map.of("c03-task.bpmn", Files.readAllBytes(Path.of("src/test/resources/test-processes/c03-task.bpmn"))));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        return deployed.json().path("id").asText();
    }
}
