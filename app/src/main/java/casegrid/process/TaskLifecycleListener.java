package casegrid.process;

import casegrid.tasklist.TaskColumns;
import casegrid.item.ItemStatus;
import casegrid.item.RiskItemStore;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Attached to every user task of every casegrid process (see TaskLifecyclePlugin). On create it
 * moves the item to the status the model names in the task's {@code status} property; on complete
 * it runs the task's handler (found by its form, see {@link TaskHandlerRegistry}) and writes the
 * domain event it names, who and when to the item's timeline, with the task id only as a trace.
 */
public class TaskLifecycleListener implements TaskListener {

    public static final String STATUS_PROPERTY = "status";
    public static final String CLEARS_PROPERTY = "clears";
    private final RiskItemStore items;
    private final ObjectProvider<TaskHandlerRegistry> handlers;

    public TaskLifecycleListener(RiskItemStore items, ObjectProvider<TaskHandlerRegistry> handlers) {
        this.items = items;
        this.handlers = handlers;
    }

    @Override
    public void notify(DelegateTask task) {
        String number = task.getExecution().getProcessBusinessKey();
        boolean onItem = number != null && items.exists(number);
        if (!onItem) {
            // Work that is not about one item (the daily check, the weekly and monthly reviews) still
            // has its answers checked and recorded, but there is no item status or timeline to write
            // (a task of no item and no form, such as a test probe, has nothing to check either).
            if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
                handlers.getObject().handler(task)
                        .ifPresent(handler -> handler.complete(task, new TaskInputs(task), number, actor(task)));
            }
            return;
        }
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            String status = modelProperty(task, STATUS_PROPERTY);
            if (status != null) {
                items.enter(number, ItemStatus.of(status));
            }
            TaskColumns.copyTo(task);
            // A task that comes round again must not show, or resubmit, last round's answers.
            String clears = modelProperty(task, CLEARS_PROPERTY);
            if (clears != null) {
                for (String variable : clears.split(",")) {
                    task.getExecution().removeVariable(variable.trim());
                }
            }
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            String actor = actor(task);
            Completion completion = handlers.getObject().complete(task, number, actor);
            String summary = completion.summary();
            String verb = task.getName() == null ? task.getTaskDefinitionKey() : task.getName().split(" · ")[0];
            items.addEvent(number, actor, completion.event(), summary == null ? verb : verb + "：" + summary,
                    completion.unit(), task.getTaskDefinitionKey());
        }
    }

    /** Whoever is logged in (Tasklist, REST), else the assignee, else the engine itself. */
    static String actor(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "system";
    }

    static String modelProperty(DelegateTask task, String name) {
        UserTask element = task.getBpmnModelElementInstance();
        if (element == null || element.getExtensionElements() == null) {
            return null;
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(p -> p.getCamundaProperties().stream())
                .filter(p -> name.equals(p.getCamundaName())).map(CamundaProperty::getCamundaValue)
                .findFirst().orElse(null);
    }

}
