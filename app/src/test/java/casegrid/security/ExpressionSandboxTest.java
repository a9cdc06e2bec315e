package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The second line behind the deployment check: the engine evaluates every expression in the sandbox, so what
 * the check cannot see in a model's text (a member chosen by a variable, a method on what a published method
 * returned) is refused when it runs, naming the expression; and the issue's reproducer cannot make the designer
 * an administrator.
 */
@CasegridTest
class ExpressionSandboxTest {

    static final String PROBE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_SandboxProbe" targetNamespace="http://casegrid/test">
              <bpmn:process id="sandboxProbe" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="StartEvent_Probe"/>
                <bpmn:sequenceFlow id="Flow_Probe" sourceRef="StartEvent_Probe" targetRef="Task_Wait"/>
                <bpmn:userTask id="Task_Wait" camunda:candidateGroups="street-center"/>
              </bpmn:process>
              <bpmn:process id="sandboxSmuggle" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="StartEvent_Smuggle"/>
                <bpmn:sequenceFlow id="Flow_Smuggle" sourceRef="StartEvent_Smuggle" targetRef="Task_Member"/>
                <bpmn:serviceTask id="Task_Member" camunda:expression="${title[member]}" camunda:resultVariable="leak"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    String deploymentId;
    ProcessInstance probe;

    @BeforeEach
    void deployTheProbeAsTheDesigner() {
        // "${title[member]}" passes the deployment check: which member is read depends on a variable.
        Http.Response deployed = new Http(port).as("designer").postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", "sandbox-probe"), Map.of("sandbox-probe.bpmn", PROBE.getBytes(StandardCharsets.UTF_8)));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        deploymentId = deployed.json().path("id").asText();
        // Started as the app starts its own instances (a client start may set no business key or variables).
        probe = AppStart.run("QF-PROBE-1", () -> engine.getRuntimeService().startProcessInstanceByKey("sandboxProbe",
                "QF-PROBE-1", Map.of("title", "楼道堆物", "community", "C03", "departments", List.of("dept-police", "dept-urban"))));
    }

    @AfterEach
    void removeTheProbe() {
        // Running instances keep a deployment alive (LiveCaseGuard): end the probe's first.
        engine.getRuntimeService().createProcessInstanceQuery().deploymentId(deploymentId).list()
                .forEach(pi -> engine.getRuntimeService().deleteProcessInstance(pi.getId(), "probe done"));
        engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"class", "bytes", "empty"})
    void aMemberChosenByAVariableIsRefusedWhenTheModelRuns(String member) {
        assertThatThrownBy(() -> AppStart.run("QF-PROBE-2", () -> engine.getRuntimeService().startProcessInstanceByKey(
                "sandboxSmuggle", "QF-PROBE-2", Map.of("title", "楼道堆物", "member", member))))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("${title[member]}")
                .hasMessageContaining("not published for models");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${execution.getProcessEngineServices().getIdentityService().createMembership('designer','camunda-admin')}",
            "${execution.processEngineServices.identityService}",
            "${execution['processEngineServices']}",
            "${jdbcClient.sql('select name, phone from risk_item_party').query().listOfRows()}",
            "${identityService}",
            "${''.getClass().forName('java.lang.Runtime')}",
            "${execution.class}",
            "${title.getBytes()}",
            "${whistleCalls.open('QF-PROBE-1', 'C03', 'designer', departments, now())}",
            "${registerItem.execute(execution)}",
            "${schedules.weeklyReview.size()}",
            "${departments.getClass()}",
            "${dailyChecks.communitiesOf(execution).getClass()}"})
    void anUnpublishedExpressionFailsWhenEvaluatedEvenWithoutTheDeploymentCheck(String expression) {
        assertThatThrownBy(() -> evaluate(expression)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining(expression);
        assertThat(engine.getIdentityService().createUserQuery().userId("designer").memberOfGroup("camunda-admin").count())
                .isZero();
    }

    @Test
    void thePublishedApiEvaluates() {
        assertThat(evaluate("${schedules.weeklyReview}")).isEqualTo("0 0 9 * * MON");
        assertThat(evaluate("#{execution.processBusinessKey}")).isEqualTo("QF-PROBE-1");
        assertThat(evaluate("${'community-'.concat(community).concat('-leaders')}")).isEqualTo("community-C03-leaders");
        assertThat(evaluate("${departments.contains('dept-police') && departments[1] == 'dept-urban'}")).isEqualTo(true);
        assertThat(evaluate("${deadlineCalculator.dueAt('feedback', now())}")).isInstanceOf(Date.class);
        assertThat(evaluate("${dateTime().plusDays(2).toDate()}")).isInstanceOf(Date.class);
        assertThat(evaluate("${title.length() > 2 ? title.substring(0, 2) : title}")).isEqualTo("楼道");
        assertThat(evaluate("${dailyChecks.communityName(community)}")).isNotNull();
    }

    @Test
    void theIssueReproducerIsRefusedAndTheDesignerStaysOutsideCamundaAdmin() throws IOException {
        for (String file : List.of("juel-process-engine-services.bpmn", "bean-jdbc-client.bpmn")) {
            Http.Response response = new Http(port).as("designer").postMultipart("/engine-rest/deployment/create",
                    Map.of("deployment-name", "reproducer"),
                    Map.of(file, Files.readAllBytes(HostileModelsHttpTest.CORPUS.resolve(file))));
            assertThat(response.status()).as(response.body()).isEqualTo(400);
        }
        // Nothing was deployed, so no timer start job is waiting to run it without a user.
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKeyLike("hostile%").count()).isZero();
        assertThat(engine.getManagementService().createJobQuery().timers().list())
                .noneMatch(job -> String.valueOf(job.getProcessDefinitionKey()).startsWith("hostile"));
        assertThat(engine.getIdentityService().createUserQuery().userId("designer").memberOfGroup("camunda-admin").count())
                .isZero();
    }

    /** Evaluates in the probe's execution, through the engine's own expression manager, as a model would. */
    Object evaluate(String expression) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        Expression parsed = configuration.getExpressionManager().createExpression(expression);
        return configuration.getCommandExecutorTxRequired().execute(context ->
                parsed.getValue(context.getExecutionManager().findExecutionById(probe.getId())));
    }
}
