package casegrid.security;

import java.util.Collection;
import java.util.function.Consumer;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessDefinitionsByIdsCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessDefinitionsByKeyCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * A model that running items use is never deleted, by anyone, administrator included: a cascade
 * delete of a deployment or a process definition would take the items' instances and history with
 * it and leave the items pointing at nothing. Running instances are first migrated to another
 * version or finished (docs/deploying-models.md); then the old deployment can go.
 *
 * <p>The refusal is a {@link BadUserRequestException}, which the engine's REST API answers with 400
 * and a message that says why, instead of the 500 a plain delete of a used model gives.
 */
class LiveCaseGuard extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;

    LiveCaseGuard(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (EngineCaller.isOutermostCommand()) {
            if (command instanceof DeleteDeploymentCmd) {
                String deploymentId = EngineCaller.field(command, "deploymentId");
                refuseWhileRunning("部署 " + deploymentId, "deployment " + deploymentId, commandContext -> {
                    // Who may not delete at all hears 403, not whether the deployment is in use.
                    commandContext.getAuthorizationManager().checkAuthorization(Permissions.DELETE,
                            Resources.DEPLOYMENT, deploymentId);
                    return running(commandContext, query -> query.deploymentId(deploymentId));
                });
            } else if (command instanceof DeleteProcessDefinitionsByIdsCmd) {
                Collection<String> ids = EngineCaller.field(command, "processDefinitionIds");
                refuseWhileRunning("流程定义 " + ids, "process definitions " + ids, commandContext -> ids.stream()
                        .mapToLong(id -> running(commandContext, query -> query.processDefinitionId(id))).sum());
            } else if (command instanceof DeleteProcessDefinitionsByKeyCmd) {
                String key = EngineCaller.field(command, "processDefinitionKey");
                refuseWhileRunning("流程 " + key, "process " + key,
                        commandContext -> running(commandContext, query -> query.processDefinitionKey(key)));
            }
        }
        return next.execute(command);
    }

    private void refuseWhileRunning(String what, String whatInEnglish, Command<Long> countRunning) {
        long running = configuration.getCommandExecutorTxRequired().execute(countRunning);
        if (running > 0) {
            throw new BadUserRequestException(what + " 仍有 " + running + " 个运行中的流程实例（在办事项），不能删除；"
                    + "请先把它们迁移到其他版本或办结（" + whatInEnglish + " is used by " + running
                    + " running process instances）");
        }
    }

    /** Running instances matching the criteria, counted whatever the caller may read. */
    private static long running(CommandContext commandContext, Consumer<ProcessInstanceQueryImpl> criteria) {
        ProcessInstanceQueryImpl query = new ProcessInstanceQueryImpl();
        criteria.accept(query);
        commandContext.disableAuthorizationCheck();
        try {
            return query.executeCount(commandContext);
        } finally {
            commandContext.enableAuthorizationCheck();
        }
    }
}
