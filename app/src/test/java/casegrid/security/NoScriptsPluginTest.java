package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.support.CasegridTest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Scripts of every kind are refused at deployment, with a message that says which element and why. */
@CasegridTest
class NoScriptsPluginTest {

    @Autowired RepositoryService repositoryService;

    @ParameterizedTest
    @CsvSource({
            "script-task.bpmn, script task Task_Script",
            "script-listener.bpmn, script near StartEvent_Listener",
            "script-condition.bpmn, script condition on Flow_Script",
            "external-script.bpmn, external script resource near Task_Work",
            "script-rule.dmn, expression language javascript on Rule_Script_People"})
    void deploymentWithAScriptIsRefused(String file, String finding) {
        long before = repositoryService.createDeploymentQuery().count();
        assertThatThrownBy(() -> repositoryService.createDeployment()
                .addClasspathResource("test-processes/" + file).name(file).deploy())
                .hasMessageContaining("不允许")
                .hasMessageContaining(finding);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }
}
