package casegrid.process;

import casegrid.item.RiskItemStore;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hooks the task lifecycle listener into every user task at parse time, so no model has to
 * remember to declare it and a designer's new task still lands on the item's timeline.
 */
@Component
public class TaskLifecyclePlugin extends AbstractProcessEnginePlugin {

    private final TaskLifecycleListener listener;

    public TaskLifecyclePlugin(RiskItemStore items, ObjectProvider<TaskHandlerRegistry> handlers) {
        this.listener = new TaskLifecycleListener(items, handlers);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EveryUserTask.listen(configuration, EveryUserTask.Order.AFTER_OTHERS, listener,
                TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_COMPLETE);
    }
}
