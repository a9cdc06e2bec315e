package casegrid.process;

import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Fills the selects of a task's form and holds its answers to them. When a task is created, every
 * {@code valuesKey} its Camunda Form names is set as a task-local Json variable computed by
 * {@link OptionLists} (people and units of this item); when it is completed, an answer to such a
 * select that is not among the options offered to this task is refused (400 naming the field) before
 * the task's handler runs. The lists are app-owned: a client can neither send nor overwrite them
 * (ClientInputGuard, RiskItemVariables.APP_OWNED), so the check holds against REST clients too.
 */
@Component
public class OfferedOptions extends AbstractProcessEnginePlugin implements TaskListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a deployed form asks of this class, read once per form definition (a deployed form never changes). */
    private record FormChoices(Set<String> lists, Map<String, FormFields.Choice> choices) {
    }

    private final ObjectProvider<OptionLists> optionLists;
    private final Map<String, FormChoices> byFormDefinition = new ConcurrentHashMap<>();

    public OfferedOptions(ObjectProvider<OptionLists> optionLists) {
        this.optionLists = optionLists;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EveryUserTask.listen(configuration, EveryUserTask.Order.BEFORE_OTHERS, this, EVENTNAME_CREATE, EVENTNAME_COMPLETE);
    }

    @Override
    public void notify(DelegateTask task) {
        FormChoices form = formChoices((TaskEntity) task);
        if (form == null) {
            return;
        }
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            for (String list : form.lists()) {
                task.setVariableLocal(list, SpinValues.jsonValue(JSON.valueToTree(options(list, task)).toString()).create());
            }
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            List<FieldProblem> problems = new ArrayList<>();
            form.choices().forEach((field, choice) -> {
                Object offered = task.getVariableLocal(choice.list());
                // A task created before its form had options has none to hold the answer to.
                if (offered == null) {
                    return;
                }
                Set<String> values = offeredValues(offered);
                List<String> outside = answers(task.getVariable(field), choice.several()).stream().filter(v -> !values.contains(v)).toList();
                if (!outside.isEmpty()) {
                    problems.add(new FieldProblem(field, "不在本任务可选的范围内：" + String.join("、", outside)
                            + "（not one of the options offered for this task）"));
                }
            });
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems);
            }
        }
    }

    /** The options of the named list, from whichever OptionLists bean fills it; task null for a start form. */
    public List<OptionLists.Option> options(String list, DelegateTask task) {
        OptionLists lists = optionLists.orderedStream().filter(l -> l.names().contains(list)).findFirst()
                .orElseThrow(() -> new IllegalStateException("表单引用了未知的选项列表 " + list + "（no option list named "
                        + list + "; see OptionLists）"));
        return lists.options(list, task);
    }

    private FormChoices formChoices(TaskEntity task) {
        CommandContext context = Context.getCommandContext();
        task.initializeFormKey();
        CamundaFormRef ref = task.getCamundaFormRef();
        if (ref == null || task.getProcessDefinitionId() == null || context == null) {
            return null;
        }
        String deploymentId = context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(task.getProcessDefinitionId()).getDeploymentId();
        CamundaFormDefinition definition = context.runWithoutAuthorization(new GetCamundaFormDefinitionCmd(ref, deploymentId));
        if (definition == null) {
            return null;
        }
        return byFormDefinition.computeIfAbsent(definition.getId(), id -> {
            byte[] json = context.getResourceManager()
                    .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName())
                    .getBytes();
            return new FormChoices(FormFields.optionLists(json), FormFields.choices(json));
        });
    }

    private static Set<String> offeredValues(Object offered) {
        return labels(offered).keySet();
    }

    /**
     * The options of {@code list} offered to this task, value → label in the order offered; empty when the
     * task has none. For a handler that prints what was picked as the picker read it ("姓名（单位）").
     */
    public static Map<String, String> offered(DelegateTask task, String list) {
        Object offered = task.getVariableLocal(list);
        return offered == null ? Map.of() : labels(offered);
    }

    private static Map<String, String> labels(Object offered) {
        Map<String, String> labels = new LinkedHashMap<>();
        try {
            JSON.readTree(offered.toString()).forEach(option -> labels.put(option.path("value").asText(),
                    option.path("label").asText()));
        } catch (Exception e) {
            throw new IllegalStateException("选项列表已损坏（option list is not JSON）", e);
        }
        return labels;
    }

    /**
     * The values an answer names: one for a select, several for a checklist or taglist (a Java list
     * from REST, a JSON array from Tasklist, "a,b" from a plain client). Blank is no answer: the handler
     * says what is required.
     */
    static List<String> answers(Object value, boolean several) {
        List<String> answers = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.stream().filter(v -> v != null && !v.toString().isBlank()).forEach(v -> answers.add(v.toString().trim()));
            return answers;
        }
        String text = value == null ? "" : value.toString().trim();
        if (text.startsWith("[")) {
            try {
                for (JsonNode node : JSON.readTree(text)) {
                    answers.add(node.isTextual() ? node.asText().trim() : node.toString());
                }
                return answers;
            } catch (Exception notJson) {
                // an ordinary answer that happens to begin with a bracket
            }
        }
        for (String part : several ? text.split("[,，;；\\s]+") : new String[] {text}) {
            if (!part.isBlank()) {
                answers.add(part.trim());
            }
        }
        return answers;
    }
}
