package casegrid.security;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.batch.DeleteBatchCmd;
import org.camunda.bpm.engine.impl.batch.history.DeleteHistoricBatchCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractSetBatchStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.HistoryCleanupCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricBatchesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricDecisionInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;

/**
 * Housekeeping is the administrator's: only camunda-admin may change, run or delete jobs, job
 * definitions and batches, or schedule history cleanup and removal times.
 *
 * <p>Camunda authorizes a job command against the process definition the job belongs to and skips
 * the check when there is none, so the history-cleanup job and batch jobs were open to every
 * logged-in user (retries to 0 or a deleted cleanup job silently stops retention). No casegrid role
 * besides the administrator manages jobs at all, so the rule is by command, not by job. The job
 * executor and the app's own work run unauthenticated and pass.
 */
class HousekeepingGuard extends CommandInterceptor {

    /** Every administrator-only command, matched with its subclasses (e.g. suspend and activate). */
    static final List<Class<?>> ADMIN_ONLY = List.of(
            // jobs and job definitions
            SetJobRetriesCmd.class, SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class, SetJobPriorityCmd.class,
            SetJobDefinitionPriorityCmd.class, DeleteJobCmd.class, AbstractSetJobStateCmd.class,
            AbstractSetJobDefinitionStateCmd.class, ExecuteJobsCmd.class, UnlockJobCmd.class,
            AbstractSetJobsRetriesBatchCmd.class,
            // the retry bookkeeping that runs after a refused ExecuteJobsCmd (it would count the refusal as a failure)
            FailedJobListener.class,
            // batches
            DeleteBatchCmd.class, AbstractSetBatchStateCmd.class, DeleteHistoricBatchCmd.class,
            // history retention
            HistoryCleanupCmd.class, SetRemovalTimeToHistoricProcessInstancesCmd.class,
            SetRemovalTimeToHistoricDecisionInstancesCmd.class, SetRemovalTimeToHistoricBatchesCmd.class);

    private final ProcessEngineConfigurationImpl configuration;

    HousekeepingGuard(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (EngineCaller.isOutermostCommand() && isHousekeeping(command)) {
            Authentication user = EngineCaller.user(configuration);
            if (user != null && !EngineCaller.isAdmin(configuration, user)) {
                throw new AuthorizationException("作业、批处理和历史清理只能由系统管理员管理（housekeeping is reserved to "
                        + "camunda-admin; user " + user.getUserId() + ")");
            }
        }
        return next.execute(command);
    }

    static boolean isHousekeeping(Command<?> command) {
        return ADMIN_ONLY.stream().anyMatch(type -> type.isInstance(command));
    }
}
