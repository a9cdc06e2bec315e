package casegrid.security;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.ConditionEvaluationBuilderImpl;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.SignalEventReceivedBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractInstantiationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskFailureCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.migration.MigrationPlan;

/**
 * What a client's engine command asks to write: the variables it carries and, for a task's
 * answer or a start, which task or process. Camunda's commands keep these in protected fields
 * without getters, so this is the one place that reads them by reflection; ClientCommandsTest
 * builds each command and fails if an engine upgrade renames a field (rather than the guard
 * silently seeing nothing). Builders are read through their public getters.
 */
final class ClientCommands {

    enum Kind {
        /** Completes (or otherwise ends) a user task with the variables as its answers. */
        TASK_ANSWER,
        /** Starts a process instance. */
        START,
        /** Writes or removes variables of running instances, tasks or executions. */
        WRITE
    }

    /**
     * @param taskId the task answered (TASK_ANSWER)
     * @param processDefinitionId, processDefinitionKey the process started (START), whichever the client named
     * @param businessKey the business key a start asks for (START)
     * @param startsInside a start that skips the start event and begins at activities inside (START)
     * @param variables every variable map the command carries
     * @param removed names of variables the command removes
     */
    record Input(Kind kind, String taskId, String processDefinitionId, String processDefinitionKey, String businessKey,
                 boolean startsInside, List<Map<String, ?>> variables, Collection<String> removed) {

        static Input write(List<Map<String, ?>> variables, Collection<String> removed) {
            return new Input(Kind.WRITE, null, null, null, null, false, variables, removed);
        }

        static Input answer(String taskId, Map<String, ?> variables) {
            return new Input(Kind.TASK_ANSWER, taskId, null, null, null, false, listOf(variables), List.of());
        }

        static Input start(String processDefinitionId, String processDefinitionKey, String businessKey, boolean startsInside,
                           List<Map<String, ?>> variables) {
            return new Input(Kind.START, null, processDefinitionId, processDefinitionKey, businessKey, startsInside,
                    variables, List.of());
        }
    }

    private ClientCommands() {
    }

    /** What the command writes; empty for commands that carry no client variables. */
    static Optional<Input> read(Command<?> command) {
        if (command instanceof CompleteTaskCmd) { // also ResolveTaskCmd
            return Optional.of(Input.answer(field(command, "taskId"), map(command, "variables")));
        }
        if (command instanceof SubmitTaskFormCmd) {
            return Optional.of(Input.answer(field(command, "taskId"), map(command, "properties")));
        }
        if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
            return Optional.of(Input.answer(field(command, "taskId"), map(command, "variables")));
        }
        if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
            ProcessInstantiationBuilderImpl builder = field(command, "instantiationBuilder");
            List<Map<String, ?>> variables = listOf(builder.getVariables());
            List<AbstractProcessInstanceModificationCommand> instructions = builder.getModificationBuilder() == null
                    ? List.of() : builder.getModificationBuilder().getModificationOperations();
            variables.addAll(instructionVariables(instructions));
            return Optional.of(Input.start(builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(),
                    builder.getBusinessKey(), !instructions.isEmpty(), variables));
        }
        if (command instanceof SubmitStartFormCmd) {
            return Optional.of(Input.start(field(command, "processDefinitionId"), null, field(command, "businessKey"), false,
                    listOf(map(command, "variables"))));
        }
        if (command instanceof EvaluateStartConditionCmd) {
            ConditionEvaluationBuilderImpl builder = field(command, "builder");
            return Optional.of(Input.start(builder.getProcessDefinitionId(), null, builder.getBusinessKey(), false,
                    listOf(builder.getVariables())));
        }
        if (command instanceof AbstractSetVariableCmd) {
            return Optional.of(Input.write(listOf(map(command, "variables")), List.of()));
        }
        if (command instanceof AbstractPatchVariablesCmd) {
            Collection<String> deletions = field(command, "deletions");
            return Optional.of(Input.write(listOf(map(command, "variables")), deletions == null ? List.of() : deletions));
        }
        if (command instanceof AbstractRemoveVariableCmd) {
            return Optional.of(Input.write(List.of(), field(command, "variableNames")));
        }
        if (command instanceof AbstractCorrelateMessageCmd) {
            MessageCorrelationBuilderImpl builder = field(command, "builder");
            return Optional.of(Input.write(listOf(builder.getPayloadProcessInstanceVariables(),
                    builder.getPayloadProcessInstanceVariablesLocal(), builder.getPayloadProcessInstanceVariablesToTriggeredScope()),
                    List.of()));
        }
        if (command instanceof MessageEventReceivedCmd) {
            return Optional.of(Input.write(listOf(map(command, "processVariables"), map(command, "processVariablesLocal"),
                    map(command, "processVariablesToTriggeredScope")), List.of()));
        }
        if (command instanceof CorrelateAllMessageBatchCmd || command instanceof SetVariablesToProcessInstancesBatchCmd) {
            return Optional.of(Input.write(listOf(map(command, "variables")), List.of()));
        }
        if (command instanceof SignalEventReceivedCmd) {
            SignalEventReceivedBuilderImpl builder = field(command, "builder");
            return Optional.of(Input.write(listOf(builder.getVariables()), List.of()));
        }
        if (command instanceof SignalCmd) {
            return Optional.of(Input.write(listOf(map(command, "processVariables")), List.of()));
        }
        if (command instanceof ModifyProcessInstanceCmd || command instanceof ModifyProcessInstanceAsyncCmd) {
            ProcessInstanceModificationBuilderImpl builder = field(command, "builder");
            List<Map<String, ?>> variables = listOf(builder.getProcessVariables());
            variables.addAll(instructionVariables(builder.getModificationOperations()));
            return Optional.of(Input.write(variables, List.of()));
        }
        if (command instanceof AbstractMigrationCmd) {
            MigrationPlan plan = field(field(command, "executionBuilder"), "migrationPlan");
            return Optional.of(Input.write(listOf(plan.getVariables()), List.of()));
        }
        if (command instanceof CompleteExternalTaskCmd || command instanceof HandleExternalTaskFailureCmd) {
            return Optional.of(Input.write(listOf(map(command, "variables"), map(command, "localVariables")), List.of()));
        }
        if (command instanceof HandleExternalTaskBpmnErrorCmd) {
            return Optional.of(Input.write(listOf(map(command, "variables")), List.of()));
        }
        return Optional.empty();
    }

    private static List<Map<String, ?>> instructionVariables(List<AbstractProcessInstanceModificationCommand> operations) {
        List<Map<String, ?>> variables = new ArrayList<>();
        for (AbstractProcessInstanceModificationCommand operation : operations) {
            if (operation instanceof AbstractInstantiationCmd instantiation) {
                variables.addAll(listOf(instantiation.getVariables(), instantiation.getVariablesLocal()));
            }
        }
        return variables;
    }

    @SafeVarargs
    private static List<Map<String, ?>> listOf(Map<String, ?>... maps) {
        List<Map<String, ?>> list = new ArrayList<>();
        for (Map<String, ?> map : maps) {
            if (map != null && !map.isEmpty()) {
                list.add(map);
            }
        }
        return list;
    }

    private static Map<String, ?> map(Object command, String name) {
        return field(command, name);
    }

    /** The named field of the object or one of its superclasses; an engine without it fails loudly. */
    @SuppressWarnings("unchecked")
    static <T> T field(Object target, String name) {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return (T) field.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(target.getClass().getName() + " has no field " + name
                + ": the engine changed, ClientInputGuard must be adapted");
    }
}
