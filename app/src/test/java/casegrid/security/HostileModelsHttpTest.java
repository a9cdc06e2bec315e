package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The hostile-model corpus (src/test/resources/hostile-models, one attack per file) deployed by {@code designer}
 * through the REST API that Camunda Modeler uses: every one is refused with 400, the message and the details
 * name the resource and the element, and nothing of it is deployed.
 */
@CasegridTest
class HostileModelsHttpTest {

    static final Path CORPUS = Path.of("src/test/resources/hostile-models");

    @LocalServerPort int port;
    @Autowired RepositoryService repositoryService;

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // scripts, in every form, namespace and language
            "script-task-groovy.bpmn,               Task_Evil,            script task Task_Evil",
            "script-task-javascript-resource.bpmn,  Task_Evil,            script task Task_Evil",
            "script-execution-listener.bpmn,        Task_Evil,            script near Task_Evil",
            "script-task-listener.bpmn,             Task_Evil,            script near Task_Evil",
            "script-input-mapping.bpmn,             Task_Evil,            script near Task_Evil",
            "script-output-mapping.bpmn,            Task_Evil,            script near Task_Evil",
            "script-external-resource.bpmn,         Task_Evil,            external script resource near Task_Evil",
            "script-activiti-listener.bpmn,         Task_Evil,            script near Task_Evil",
            "script-foreign-namespace.bpmn,         Task_Evil,            script language python on Task_Evil",
            "script-condition-javascript.bpmn,      Flow_Evil,            script condition on Flow_Evil",
            "script-conditional-event.bpmn,         Condition_Evil,       script language javascript on Condition_Evil",
            "script-juel-language.bpmn,             Flow_Out,             script condition on Flow_Out",
            "dmn-groovy-cell.dmn,                   Rule_Evil_Input,      expression language groovy on Rule_Evil_Input",
            "dmn-javascript-output.dmn,             Rule_Evil_Output,     expression language javascript on Rule_Evil_Output",
            "dmn-groovy-feel.dmn,                   Rule_Evil_Input,      expression language groovy-feel on Rule_Evil_Input",
            "dmn-python-input-expression.dmn,       InputExpression_Evil, expression language python on InputExpression_Evil",
            "dmn-definitions-language.dmn,          Definitions_Evil,     expression language JavaScript on Definitions_Evil",
            // JUEL reaching engine services
            "juel-process-engine-services.bpmn,     Task_Evil,            execution.getProcessEngineServices()",
            "juel-engine-services-property.bpmn,    Task_Evil,            execution.processEngineServices",
            "juel-engine-services-bracket.bpmn,     Task_Evil,            execution.processEngineServices",
            "juel-task-execution.bpmn,              Task_Evil,            task.execution",
            "juel-task-name.bpmn,                   Task_Evil,            execution.getProcessEngine()",
            "juel-timer-date.bpmn,                  StartEvent_Hostile,   execution.getProcessEngineServices()",
            // Spring beans
            "bean-jdbc-client.bpmn,                 Task_Evil,            jdbcClient",
            "bean-identity-service.bpmn,            Task_Evil,            identityService",
            "bean-application-context.bpmn,         Task_Evil,            applicationContext",
            "bean-data-source.bpmn,                 Task_Evil,            dataSource",
            "bean-runtime-service.bpmn,             Flow_Out,             runtimeService",
            "bean-as-bare-value.bpmn,               Task_Evil,            runtimeService",
            "bean-delegate-method.bpmn,             Task_Evil,            registerItem.execute()",
            "bean-unpublished-method.bpmn,          Task_Evil,            whistleCalls.open()",
            "bean-unpublished-property.bpmn,        Task_Evil,            deadlineCalculator.properties",
            "dmn-juel-bean.dmn,                     InputExpression_Evil, jdbcClient",
            // Runtime, reflection, class loading, Java classes by name
            "runtime-exec.bpmn,                     Task_Evil,            getClass()",
            "reflection-class-property.bpmn,        Task_Evil,            class",
            "reflection-variable-class.bpmn,        Task_Evil,            class",
            "class-loading-classloader.bpmn,        Task_Evil,            execution.getClass()",
            "dmn-juel-reflection.dmn,               Rule_Evil_Output,     getClass()",
            "function-spin.bpmn,                    Task_Evil,            S()",
            "function-prefixed.bpmn,                Task_Evil,            fn:exec()",
            "dynamic-method-name.bpmn,              Task_Evil,            a method chosen at run time",
            "camunda-class.bpmn,                    Task_Evil,            camunda:class",
            "camunda-class-listener.bpmn,           Task_Evil,            class=\"java.lang.Thread\"",
            "variable-mapping-class.bpmn,           Task_Evil,            camunda:variableMappingClass",
            "connector-http.bpmn,                   Task_Evil,            connector near Task_Evil",
            // JavaScript by another name: embedded HTML forms
            "form-key-embedded.bpmn,                Task_Evil,            camunda:formKey",
            "evil-form.html,                        -,                    部署只能包含 BPMN、DMN 和表单文件",
            // XML: external entities and entity expansion
            "xxe-external-entity.bpmn,              -,                    DOCTYPE",
            "billion-laughs.bpmn,                   -,                    DOCTYPE",
            "dmn-xxe-parameter-entity.dmn,          -,                    DOCTYPE"})
    void aHostileModelIsRefusedWith400NamingTheElementAndNothingIsDeployed(String file, String element, String finding)
            throws IOException {
        JsonNode refusal = refused(file, Files.readAllBytes(CORPUS.resolve(file)));
        String message = refusal.path("message").asText();
        assertThat(message).contains("部署被拒绝", file, finding);
        if (element != null) {
            assertThat(message).contains(element);
            assertThat(refusal.path("details").path(file).path("errors").findValuesAsText("mainElementId")).contains(element);
        }
    }

    @Test
    void theCorpusHoldsAtLeastThirtyAttacksAndEachIsDeployedAbove() throws Exception {
        List<String> listed = Stream.of(getClass().getDeclaredMethod("aHostileModelIsRefusedWith400NamingTheElementAndNothingIsDeployed",
                String.class, String.class, String.class).getAnnotation(CsvSource.class).value())
                .map(row -> row.substring(0, row.indexOf(',')).strip()).toList();
        try (var files = Files.list(CORPUS)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).hasSizeGreaterThanOrEqualTo(30)
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    @Test
    void aModelOverTheResourceLimitIsRefusedNamingTheResource() {
        byte[] model = padded(validModel("hostileOversized"), 2_200_000);
        assertThat(refused("oversized.bpmn", model).path("message").asText()).contains("超过大小上限", "oversized.bpmn");
    }

    @Test
    void anOversizedFormIsRefusedToo() {
        String form = "{\"id\":\"huge\",\"type\":\"default\",\"components\":[{\"type\":\"text\",\"text\":\""
                + "x".repeat(2_200_000) + "\"}]}";
        assertThat(refused("huge.form", form.getBytes(StandardCharsets.UTF_8)).path("message").asText())
                .contains("超过大小上限", "huge.form");
    }

    @Test
    void aDeploymentOverTheTotalLimitIsRefusedThoughEachFileIsSmallEnough() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            files.put("part" + i + ".form", ("{\"id\":\"part" + i + "\",\"text\":\"" + "x".repeat(1_900_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        long before = repositoryService.createDeploymentQuery().count();
        Http.Response response = new Http(port).as("designer").postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", "too-much-at-once"), files);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains("超过大小上限", "too-much-at-once");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void theShippedModelsStillDeployAsTheDesignerDoes() throws IOException {
        // A model within the policy goes through: the corpus is refused for what it does, not for being new.
        Http.Response response = new Http(port).as("designer").postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", "policy-probe"), Map.of("policy-probe.bpmn", validModel("policyProbe")));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        repositoryService.deleteDeployment(response.json().path("id").asText(), true);
    }

    /** Deploys one file as the designer, asserts the refusal and that nothing of it arrived; the answer's JSON. */
    JsonNode refused(String file, byte[] content) {
        long deployments = repositoryService.createDeploymentQuery().count();
        Http.Response response = new Http(port).as("designer").postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", "hostile " + file, "deployment-source", "Camunda Modeler"), Map.of(file, content));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKeyLike("hostile%").count()).isZero();
        assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("Decision_Hostile").count()).isZero();
        return response.json();
    }

    static byte[] validModel(String key) {
        return ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s" targetNamespace="http://casegrid/test">
                  <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:documentation>PADDING</bpmn:documentation>
                    <bpmn:startEvent id="StartEvent_Probe"/>
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Probe" targetRef="Task_Probe"/>
                    <bpmn:userTask id="Task_Probe" name="核对 · ${'community-'.concat(community)} ${schedules.weeklyReview}" camunda:candidateGroups="street-center" camunda:dueDate="${deadlineCalculator.dueAt('feedback', now())}"/>
                    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Probe" targetRef="EndEvent_Probe"/>
                    <bpmn:endEvent id="EndEvent_Probe"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key).replace("PADDING", "")).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] padded(byte[] model, int size) {
        String text = new String(model, StandardCharsets.UTF_8);
        return text.replace("<bpmn:documentation></bpmn:documentation>",
                "<bpmn:documentation>" + "说明".repeat(size / 6) + "</bpmn:documentation>").getBytes(StandardCharsets.UTF_8);
    }
}
