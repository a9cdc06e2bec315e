package casegrid.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Hooks a listener into every user task of every model at parse time, so no model has to declare it
 * and a designer's new task gets it too. Listeners added to the "before" list run before those of the
 * "after" list on the same event (the engine parses with the pre listeners first).
 */
public final class EveryUserTask {

    public enum Order { BEFORE_OTHERS, AFTER_OTHERS }

    private EveryUserTask() {
    }

    public static void listen(ProcessEngineConfigurationImpl configuration, Order order, TaskListener listener,
                              String... events) {
        boolean before = order == Order.BEFORE_OTHERS;
        List<BpmnParseListener> existing = before ? configuration.getCustomPreBPMNParseListeners()
                : configuration.getCustomPostBPMNParseListeners();
        List<BpmnParseListener> listeners = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    for (String event : events) {
                        behavior.getTaskDefinition().addBuiltInTaskListener(event, listener);
                    }
                }
            }
        });
        if (before) {
            configuration.setCustomPreBPMNParseListeners(listeners);
        } else {
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
    }
}
