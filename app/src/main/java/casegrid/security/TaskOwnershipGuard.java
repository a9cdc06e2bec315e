package casegrid.security;

import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Claimed work is its assignee's. Candidates hold TASK_WORK (claim and complete, see
 * {@link AccessGuardsPlugin}); on top of that, nobody but the assignee (or an administrator)
 * may complete, submit, resolve, raise an error or escalation on, or write variables of a task
 * that someone has claimed or been assigned by the plan.
 *
 * <p>An unclaimed task may still be completed by any candidate without claiming it first: the
 * engine already limits it to the task's candidates, the mobile app completes in one call, and the
 * item's timeline records who did it. What the rule stops is taking over a colleague's claimed work.
 *
 * <p>TASK_WORK does not include TASK_ASSIGN, so a candidate can no longer hand a task to someone else
 * (another community's user included); handing one's own claimed task back to the group (Tasklist's
 * "unclaim") stays possible: this guard runs it without the engine's TASK_ASSIGN check when the
 * caller is the task's assignee.
 */
class TaskOwnershipGuard extends CommandInterceptor {

    /** Commands that act on one task, with the field that names it. */
    private static final Map<Class<?>, String> ASSIGNEE_ONLY = Map.of(
            CompleteTaskCmd.class, "taskId", // and ResolveTaskCmd, its subclass
            SubmitTaskFormCmd.class, "taskId",
            HandleTaskBpmnErrorCmd.class, "taskId",
            HandleTaskEscalationCmd.class, "taskId",
            SetTaskVariablesCmd.class, "entityId",
            RemoveTaskVariablesCmd.class, "entityId",
            PatchTaskVariablesCmd.class, "entityId");

    private final ProcessEngineConfigurationImpl configuration;

    TaskOwnershipGuard(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (!EngineCaller.isOutermostCommand()) {
            return next.execute(command);
        }
        Authentication user = EngineCaller.user(configuration);
        if (user == null || EngineCaller.isAdmin(configuration, user)) {
            return next.execute(command);
        }
        String taskIdField = ASSIGNEE_ONLY.entrySet().stream().filter(e -> e.getKey().isInstance(command))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (taskIdField != null) {
            String taskId = EngineCaller.field(command, taskIdField);
            String assignee = assigneeOf(taskId);
            if (assignee != null && !assignee.equals(user.getUserId())) {
                throw new AuthorizationException("该任务已由 " + assignee + " 认领，只有认领人可以办理（task " + taskId
                        + " is assigned to another user)");
            }
        } else if (command instanceof AssignTaskCmd && EngineCaller.field(command, "userId") == null) {
            String taskId = EngineCaller.field(command, "taskId");
            if (Objects.equals(assigneeOf(taskId), user.getUserId())) {
                return next.execute(commandContext -> {
                    commandContext.disableAuthorizationCheck();
                    try {
                        return command.execute(commandContext);
                    } finally {
                        commandContext.enableAuthorizationCheck();
                    }
                });
            }
        }
        return next.execute(command);
    }

    /** The task's assignee, read without authorization checks (the command itself checks the caller's rights). */
    private String assigneeOf(String taskId) {
        if (taskId == null) {
            return null;
        }
        return configuration.getCommandExecutorTxRequired().execute(commandContext -> {
            TaskEntity task = commandContext.getTaskManager().findTaskById(taskId);
            return task == null ? null : task.getAssignee();
        });
    }
}
