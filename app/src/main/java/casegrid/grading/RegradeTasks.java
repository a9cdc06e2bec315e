package casegrid.grading;

import static casegrid.item.RiskItemVariables.APPROVAL_NOTE;

import casegrid.item.Codes;
import casegrid.item.ItemEvent;
import casegrid.item.RiskItemStore;
import casegrid.plan.Approvals;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of riskItem's re-grading event sub-processes: the street leader's decision on lowering a
 * HIGH (the same {@link RegradeService#decided} the REST approval reaches), the request lapsing with the
 * item, and the note when a lowering ends the emergency-plan work a raise had started.
 */
@TaskHandlers
record RegradeTasks(RegradeService regrading) {

    @HandlesForm("approve-regrade")
    Completion approveRegrade(DelegateTask task, TaskInputs in, String number, String actor) {
        boolean approved = Approvals.read(in);
        return regrading.decided(number, approved, in.optionalText(APPROVAL_NOTE), actor);
    }

    @Configuration(proxyBeanMethods = false)
    static class Steps {

        /** 审批降级 deleted unfinished: the item ended (销号, 移交) before a leader decided. */
        @Bean
        TaskListener regradeLapsed(RegradeService regrading) {
            return task -> regrading.lapse(task.getExecution().getProcessBusinessKey());
        }

        /** The item was lowered while its emergency plan was still being drawn up: that work ends, and says so. */
        @Bean
        JavaDelegate withdrawEmergencyPlanWork(RiskItemStore items) {
            return (DelegateExecution execution) -> {
                String number = execution.getProcessBusinessKey();
                var authenticated = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
                String actor = authenticated != null && authenticated.getUserId() != null ? authenticated.getUserId() : "system";
                String level = Codes.LEVELS.get(items.require(number).riskLevel().name());
                items.addEvent(number, actor, ItemEvent.EMERGENCY_PLAN_WITHDRAWN,
                        "已降为" + level + "风险，无需应急预案，补编应急预案的工作随之终止");
            };
        }
    }
}
