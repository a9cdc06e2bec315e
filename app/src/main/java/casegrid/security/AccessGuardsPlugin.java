package casegrid.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Least privilege where Camunda's authorizations alone fall short (issue 9, holes 6–8; the whole
 * policy is in docs/security.md): housekeeping only for the administrator ({@link HousekeepingGuard}),
 * models that running items use are never deleted ({@link LiveCaseGuard}), claimed work only by its
 * assignee ({@link TaskOwnershipGuard}), a community's tasks only for its staff
 * ({@link CaseworkCandidates}), no owner grant on new deployments
 * ({@link CasegridAuthorizationProvider}), and candidates get TASK_WORK on a task instead of UPDATE,
 * so they claim and complete but do not reassign, delegate or rewrite a task.
 */
@Component
public class AccessGuardsPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new CasegridAuthorizationProvider());
        configuration.setDefaultUserPermissionForTask(Permissions.TASK_WORK);
        List<BpmnParseListener> parseListeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        parseListeners.add(new CaseworkCandidates());
        configuration.setCustomPostBPMNParseListeners(parseListeners);
        // Both command executors get the guards; each chain needs its own instances (an interceptor knows its next).
        configuration.setCustomPreCommandInterceptorsTxRequired(
                withGuards(configuration.getCustomPreCommandInterceptorsTxRequired(), configuration));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(
                withGuards(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), configuration));
    }

    private static List<CommandInterceptor> withGuards(List<CommandInterceptor> existing,
                                                       ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        interceptors.add(new HousekeepingGuard(configuration));
        interceptors.add(new LiveCaseGuard(configuration));
        interceptors.add(new TaskOwnershipGuard(configuration));
        return interceptors;
    }
}
