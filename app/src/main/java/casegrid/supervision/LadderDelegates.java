package casegrid.supervision;

import static casegrid.item.RiskItemVariables.RESPONSIBLE_UNIT;

import casegrid.item.ItemEvent;
import casegrid.item.RiskItemStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The automatic rungs of the supervision ladder: a reminder (催办) and the public-notice list (通报). */
@Configuration(proxyBeanMethods = false)
class LadderDelegates {

    @Bean
    JavaDelegate recordReminder(RiskItemStore items, SupervisionRecords records) {
        return execution -> rung(execution, items, records, SupervisionRecords.REMINDER, ItemEvent.REMINDED,
                "催办：请责任单位尽快办理（%s）");
    }

    @Bean
    JavaDelegate recordPublicNotice(RiskItemStore items, SupervisionRecords records) {
        return execution -> rung(execution, items, records, SupervisionRecords.NOTICE, ItemEvent.PUBLIC_NOTICE,
                "通报：责任单位多次超期，列入通报名单（%s）");
    }

    private static void rung(DelegateExecution execution, RiskItemStore items, SupervisionRecords records, String step,
                             ItemEvent kind, String summary) {
        long recordId = ((Number) execution.getVariable("supervisionRecordId")).longValue();
        records.climb(recordId, step);
        String unit = (String) execution.getVariable(RESPONSIBLE_UNIT);
        items.addEvent(execution.getProcessBusinessKey(), null, kind,
                summary.formatted(execution.getVariable("missedDeadline")), unit);
    }
}
