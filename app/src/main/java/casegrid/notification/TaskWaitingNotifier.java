package casegrid.notification;

import casegrid.process.EveryUserTask;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * "A task is waiting for you or your group": a create listener on every user task, registered at
 * parse time like TaskLifecyclePlugin's, kept apart from it. The assignee is told personally; for
 * candidate groups, the group's unit robot and its members are.
 */
@Component
class TaskWaitingNotifier extends AbstractProcessEnginePlugin implements TaskListener {

    private final ObjectProvider<Notifications> notifications;

    TaskWaitingNotifier(ObjectProvider<Notifications> notifications) {
        this.notifications = notifications;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EveryUserTask.listen(configuration, EveryUserTask.Order.AFTER_OTHERS, this, TaskListener.EVENTNAME_CREATE);
    }

    @Override
    public void notify(DelegateTask task) {
        Notifications service = notifications.getObject();
        if (!service.enabled()) {
            return;
        }
        TaskPeople people = TaskPeople.of(task.getAssignee(), task.getCandidates(), service);
        String name = task.getName() == null ? task.getTaskDefinitionKey() : task.getName().split(" · ")[0];
        String number = task.getExecution().getProcessBusinessKey();
        service.publish(new Notice(Notice.Kind.TASK_WAITING, "task:" + task.getId(), number, "待办：" + name,
                task.getDueDate(), people.users(), people.units()));
    }

    /** A group's unit, whose robot hears of its tasks: community-C01-staff → community-C01. */
    static String unitOf(String group) {
        for (String suffix : new String[] {"-staff", "-leaders"}) {
            if (group.endsWith(suffix)) {
                return group.substring(0, group.length() - suffix.length());
            }
        }
        return group;
    }
}
