package casegrid.security;

import static casegrid.item.RiskItemVariables.APP_OWNED;
import static casegrid.item.RiskItemVariables.ITEM_IDENTITY;

import casegrid.process.FormFields;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The process trusts no variable a client sends. Every engine command that comes from outside
 * the engine (REST, Tasklist, the app's own top-level calls; not the commands delegates run
 * inside a transaction) is checked before it runs:
 * <ul>
 * <li>a task's answers are exactly the fields its Camunda Form submits, never the item's identity;
 *     a task without a form takes no variables;</li>
 * <li>a start names no business key, begins at the start event and sends only its start form's
 *     fields; the one exception is the app's own intake ({@link AppStart});</li>
 * <li>a direct write (set, patch, remove, correlate, signal, modify, migrate...) touches no variable
 *     the app owns ({@code RiskItemVariables.APP_OWNED}), whoever asks, administrators included;</li>
 * <li>no text is longer than the engine stores (4,000 characters) or carries control characters.</li>
 * </ul>
 * Each refusal is a 400 naming every bad field, before anything is written.
 */
@Component
public class ClientInputGuard extends AbstractProcessEnginePlugin {

    /** ACT_RU_VARIABLE.TEXT_ is varchar(4000): longer text failed in the database with a 500. */
    static final int MAX_TEXT = 4000;
    static final int MAX_NAME = 255;

    private final Map<String, Set<String>> fieldsByFormDefinition = new ConcurrentHashMap<>();
    private ProcessEngineConfigurationImpl configuration;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                // Only the outermost command comes from a client; those a delegate runs inside it are the process's own.
                if (Context.getCommandContext() == null) {
                    ClientCommands.read(command).ifPresent(ClientInputGuard.this::check);
                }
                return next.execute(command);
            }
        });
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    void check(ClientCommands.Input input) {
        if (input.kind() == ClientCommands.Kind.START && AppStart.isCurrent(input.businessKey())) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (Map<String, ?> variables : input.variables()) {
            for (String name : variables.keySet()) {
                names.add(name);
                checkText(name, value(variables, name), problems);
            }
        }
        switch (input.kind()) {
            case TASK_ANSWER -> taskFields(input.taskId()).ifPresent(accepted -> names.forEach(name -> {
                if (ITEM_IDENTITY.contains(name)) {
                    problems.add(new FieldProblem(name, "由系统维护，不能提交（set by the app, not by a client）"));
                } else if (!accepted.contains(name)) {
                    problems.add(new FieldProblem(name, "不是该任务表单的字段（not a field of this task's form）"));
                }
            }));
            case START -> {
                // Tasklist's start dialog may send an empty business key: that names none.
                if (input.businessKey() != null && !input.businessKey().isBlank()) {
                    problems.add(new FieldProblem("businessKey", "事项编号由系统在登记时分配，不能指定（assigned by the app）"));
                }
                // Beginning inside a process would skip its first steps: for riskItem, the intake itself.
                if (input.startsInside()) {
                    problems.add(new FieldProblem("startInstructions", "只能从流程的开始事件启动（a start begins at the start event）"));
                }
                startFields(input.processDefinitionId(), input.processDefinitionKey()).ifPresent(accepted -> names.stream()
                        .filter(name -> !accepted.contains(name))
                        .forEach(name -> problems.add(new FieldProblem(name, "不是启动表单的字段（not a field of the start form）"))));
            }
            case WRITE -> {
                names.addAll(input.removed());
                names.stream().filter(APP_OWNED::contains).forEach(name -> problems.add(new FieldProblem(name,
                        "由系统维护，不能直接修改（owned by the app）")));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static void checkText(String name, Object value, List<FieldProblem> problems) {
        if (name.length() > MAX_NAME || hasControlCharacter(name)) {
            problems.add(new FieldProblem(name.length() > 40 ? name.substring(0, 40) + "…" : name, "变量名不合法"));
            return;
        }
        if (value instanceof String text) {
            if (text.length() > MAX_TEXT) {
                problems.add(new FieldProblem(name, "不能超过" + MAX_TEXT + "个字符"));
            } else if (hasControlCharacter(text)) {
                problems.add(new FieldProblem(name, "含有不可见的控制字符"));
            }
        }
    }

    /** NUL and other control characters; line breaks and tabs are ordinary text. */
    static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
    }

    /** The value as text when it is text; a serialized object is not deserialized just to look at it. */
    private static Object value(Map<String, ?> variables, String name) {
        Object value = variables instanceof VariableMap typed ? typed.getValueTyped(name) : variables.get(name);
        if (value instanceof TypedValue typed) {
            // Untyped (type null) and String values hold plain Java values; an object may still be serialized.
            return typed.getType() == null || typed.getType() == ValueType.STRING ? typed.getValue() : null;
        }
        return value;
    }

    /** The fields the task's form submits; empty when the task does not exist (the command then says so). */
    private Optional<Set<String>> taskFields(String taskId) {
        return lookUp(context -> {
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            if (task == null) {
                return Optional.empty();
            }
            task.initializeFormKey();
            String deploymentId = task.getProcessDefinitionId() == null ? null
                    : context.getProcessEngineConfiguration().getDeploymentCache()
                    .findDeployedProcessDefinitionById(task.getProcessDefinitionId()).getDeploymentId();
            return Optional.of(formFields(context, task.getCamundaFormRef(), deploymentId));
        });
    }

    private Optional<Set<String>> startFields(String processDefinitionId, String processDefinitionKey) {
        return lookUp(context -> {
            var cache = context.getProcessEngineConfiguration().getDeploymentCache();
            ProcessDefinitionEntity definition;
            try {
                definition = processDefinitionId != null ? cache.findDeployedProcessDefinitionById(processDefinitionId)
                        : cache.findDeployedLatestProcessDefinitionByKey(processDefinitionKey);
            } catch (RuntimeException unknown) {
                return Optional.empty();
            }
            FormDefinition form = definition.getStartFormDefinition();
            Expression key = form == null ? null : form.getCamundaFormDefinitionKey();
            if (key == null) {
                return Optional.of(Set.of());
            }
            CamundaFormRefImpl ref = new CamundaFormRefImpl(key.getExpressionText(), form.getCamundaFormDefinitionBinding());
            if (form.getCamundaFormDefinitionVersion() != null) {
                ref.setVersion(Integer.valueOf(form.getCamundaFormDefinitionVersion().getExpressionText()));
            }
            return Optional.of(formFields(context, ref, definition.getDeploymentId()));
        });
    }

    private Set<String> formFields(CommandContext context, CamundaFormRef ref, String deploymentId) {
        if (ref == null) {
            return Set.of();
        }
        CamundaFormDefinition definition = context.runWithoutAuthorization(new GetCamundaFormDefinitionCmd(ref, deploymentId));
        if (definition == null) {
            return Set.of();
        }
        // A deployed form never changes: its fields are read once per form definition.
        return fieldsByFormDefinition.computeIfAbsent(definition.getId(), id -> {
            ResourceEntity resource = context.getResourceManager()
                    .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
            return FormFields.submitted(resource.getBytes());
        });
    }

    /** Runs a read of the engine's own data as a separate command, which this guard lets through. */
    private <T> T lookUp(Command<T> read) {
        return configuration.getCommandExecutorTxRequired().execute(read);
    }
}
