package casegrid.deadline;

import casegrid.process.EveryUserTask;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every model a due date when it is created, so no task can sit unnoticed
 * (Tasklist shows and sorts by it; the {@link OverdueTaskSweeper} chases it once passed). A task whose
 * model sets {@code camunda:dueDate} keeps the model's date: those deadlines are stored on the item or
 * computed from configuration (T+2, resolve-by, report-in, convening, action items, supervision replies),
 * and a second source for them would disagree. Every other task gets its date from
 * {@link TaskDeadlineTable}, counted by {@link DeadlineCalculator} (working days with China's holidays, or
 * calendar time).
 */
@Component
public class TaskDeadlinePlugin extends AbstractProcessEnginePlugin {

    private final TaskListener listener;

    public TaskDeadlinePlugin(DeadlineCalculator calculator) {
        this.listener = task -> setDueDate(task, calculator);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EveryUserTask.listen(configuration, EveryUserTask.Order.AFTER_OTHERS, listener, TaskListener.EVENTNAME_CREATE);
    }

    private static void setDueDate(DelegateTask task, DeadlineCalculator calculator) {
        if (task.getDueDate() != null) {
            return;
        }
        TaskDeadlineTable.Rule rule = TaskDeadlineTable.lookUp(task.getProcessEngineServices().getDecisionService(),
                formOf(task), task.getVariable("riskLevel"));
        task.setDueDate(calculator.dueAt(rule.duration(), rule.counting(), ClockUtil.getCurrentTime()));
    }

    public static String formOf(DelegateTask task) {
        UserTask element = task.getBpmnModelElementInstance();
        return element == null ? null : element.getCamundaFormRef();
    }
}
