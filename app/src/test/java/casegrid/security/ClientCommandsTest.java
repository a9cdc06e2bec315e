package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.security.ClientCommands.Input;
import casegrid.security.ClientCommands.Kind;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.ConditionEvaluationBuilderImpl;
import org.camunda.bpm.engine.impl.MessageCorrelationAsyncBuilderImpl;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.SignalEventReceivedBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.ActivityBeforeInstantiationCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskFailureCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.MigrationPlanExecutionBuilderImpl;
import org.camunda.bpm.engine.impl.migration.MigrationPlanImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ClientInputGuard reads engine commands by reflection: every command a client can send with
 * variables is built here and must show them. An engine upgrade that renames a field fails here.
 */
class ClientCommandsTest {

    static final Map<String, Object> SENT = Map.of("number", "QF-2026-000001");
    /** The builders want an executor; these tests never execute anything. */
    static final CommandExecutor NEVER = new CommandExecutor() {
        @Override
        public <T> T execute(Command<T> command) {
            throw new UnsupportedOperationException();
        }
    };

    static Stream<Command<?>> writes() {
        ProcessInstanceModificationBuilderImpl modification = new ProcessInstanceModificationBuilderImpl(
                NEVER, "pi");
        modification.setVariables(SENT);
        MigrationPlanImpl plan = new MigrationPlanImpl("a", "b");
        plan.setVariables(Variables.fromMap(SENT));
        MessageCorrelationBuilderImpl message = new MessageCorrelationBuilderImpl(
                NEVER, "m");
        message.setVariables(SENT);
        MessageCorrelationAsyncBuilderImpl asyncMessage = new MessageCorrelationAsyncBuilderImpl(NEVER, "m");
        asyncMessage.setVariables(SENT);
        SignalEventReceivedBuilderImpl signal = new SignalEventReceivedBuilderImpl(NEVER, "s");
        signal.setVariables(SENT);
        return Stream.of(new SetExecutionVariablesCmd("e", SENT, false), new SetTaskVariablesCmd("t", SENT, true),
                new PatchExecutionVariablesCmd("e", SENT, List.of(), false), new PatchTaskVariablesCmd("t", SENT, List.of(), false),
                new CorrelateMessageCmd(message, false, false, false), new CorrelateAllMessageCmd(message, false, false),
                new CorrelateAllMessageBatchCmd(asyncMessage), new MessageEventReceivedCmd("m", "e", SENT),
                new SignalEventReceivedCmd(signal), new SignalCmd("e", "s", null, SENT),
                new ModifyProcessInstanceCmd(modification), new ModifyProcessInstanceAsyncCmd(modification),
                new SetVariablesToProcessInstancesBatchCmd(List.of("pi"), null, null, SENT),
                new MigrateProcessInstanceCmd(new MigrationPlanExecutionBuilderImpl(NEVER, plan), false),
                new CompleteExternalTaskCmd("x", "w", SENT, null), new HandleExternalTaskFailureCmd("x", "w", "m", "d", 0, 0, SENT, null),
                new HandleExternalTaskBpmnErrorCmd("x", "w", "c", "m", SENT));
    }

    @ParameterizedTest
    @MethodSource("writes")
    void aDirectWriteShowsItsVariables(Command<?> command) {
        Input input = ClientCommands.read(command).orElseThrow();
        assertThat(input.kind()).isEqualTo(Kind.WRITE);
        assertThat(input.variables()).flatMap(Map::keySet).contains("number");
    }

    @Test
    void aRemovalShowsItsNames() {
        assertThat(ClientCommands.read(new RemoveExecutionVariablesCmd("e", List.of("number"), false)).orElseThrow().removed())
                .containsExactly("number");
        assertThat(ClientCommands.read(new RemoveTaskVariablesCmd("t", List.of("number"), false)).orElseThrow().removed())
                .containsExactly("number");
        assertThat(ClientCommands.read(new PatchExecutionVariablesCmd("e", null, List.of("number"), false)).orElseThrow()
                .removed()).containsExactly("number");
    }

    static Stream<Command<?>> answers() {
        return Stream.of(new CompleteTaskCmd("t", SENT), new ResolveTaskCmd("t", SENT),
                new SubmitTaskFormCmd("t", SENT, false, false), new HandleTaskBpmnErrorCmd("t", "c", "m", SENT),
                new HandleTaskEscalationCmd("t", "c", SENT));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void aTaskAnswerShowsItsTaskAndVariables(Command<?> command) {
        Input input = ClientCommands.read(command).orElseThrow();
        assertThat(input.kind()).isEqualTo(Kind.TASK_ANSWER);
        assertThat(input.taskId()).isEqualTo("t");
        assertThat(input.variables()).flatMap(Map::keySet).containsExactly("number");
    }

    @Test
    void aStartShowsItsProcessBusinessKeyAndVariables() {
        ProcessInstantiationBuilderImpl start = (ProcessInstantiationBuilderImpl) ProcessInstantiationBuilderImpl
                .createProcessInstanceByKey(NEVER, "riskItem").businessKey("QF-2026-000001").setVariables(SENT);
        Input plain = ClientCommands.read(new StartProcessInstanceCmd(start)).orElseThrow();
        assertThat(plain.kind()).isEqualTo(Kind.START);
        assertThat(plain.processDefinitionKey()).isEqualTo("riskItem");
        assertThat(plain.businessKey()).isEqualTo("QF-2026-000001");
        assertThat(plain.variables()).flatMap(Map::keySet).containsExactly("number");

        ProcessInstantiationBuilderImpl atActivity = (ProcessInstantiationBuilderImpl) ProcessInstantiationBuilderImpl
                .createProcessInstanceByKey(NEVER, "riskItem").startBeforeActivity("Task_Grade").setVariable("community", "C07");
        Input inside = ClientCommands.read(new StartProcessInstanceAtActivitiesCmd(atActivity)).orElseThrow();
        assertThat(inside.startsInside()).isTrue();
        assertThat(inside.variables()).flatMap(Map::keySet).containsExactly("community");
        assertThat(plain.startsInside()).isFalse();

        Input form = ClientCommands.read(new SubmitStartFormCmd("riskItem:1", "QF-2026-000001", SENT)).orElseThrow();
        assertThat(form.processDefinitionId()).isEqualTo("riskItem:1");
        assertThat(form.businessKey()).isEqualTo("QF-2026-000001");
        assertThat(form.variables()).flatMap(Map::keySet).containsExactly("number");

        ConditionEvaluationBuilderImpl condition = new ConditionEvaluationBuilderImpl(NEVER);
        condition.processInstanceBusinessKey("QF-2026-000001").setVariables(SENT);
        Input conditional = ClientCommands.read(new EvaluateStartConditionCmd(condition)).orElseThrow();
        assertThat(conditional.kind()).isEqualTo(Kind.START);
        assertThat(conditional.businessKey()).isEqualTo("QF-2026-000001");
    }

    @Test
    void commandsWithoutClientVariablesAreNotRead() {
        assertThat(ClientCommands.read(new ActivityBeforeInstantiationCmd("a"))).isEmpty();
    }
}
