package casegrid.supervision;

import static casegrid.item.RiskItemVariables.RESPONSIBLE_UNIT;

import casegrid.item.ItemEvent;
import casegrid.item.RiskItemStore;
import casegrid.notification.Notice;
import casegrid.notification.Notifications;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The automatic rungs of the supervision ladder: a reminder (催办) and the public-notice list (通报). */
@Configuration(proxyBeanMethods = false)
class LadderDelegates {

    @Bean
    JavaDelegate recordReminder(RiskItemStore items, SupervisionRecords records, Notifications notifications) {
        return execution -> rung(execution, items, records, notifications, SupervisionRecords.REMINDER, ItemEvent.REMINDED,
                Notice.Kind.REMINDER, "催办：请责任单位尽快办理（%s）");
    }

    @Bean
    JavaDelegate recordPublicNotice(RiskItemStore items, SupervisionRecords records, Notifications notifications) {
        return execution -> rung(execution, items, records, notifications, SupervisionRecords.NOTICE, ItemEvent.PUBLIC_NOTICE,
                Notice.Kind.PUBLIC_NOTICE, "通报：责任单位多次超期，列入通报名单（%s）");
    }

    private static void rung(DelegateExecution execution, RiskItemStore items, SupervisionRecords records,
                             Notifications notifications, String step, ItemEvent kind, Notice.Kind notice, String summary) {
        long recordId = ((Number) execution.getVariable("supervisionRecordId")).longValue();
        records.climb(recordId, step);
        String unit = (String) execution.getVariable(RESPONSIBLE_UNIT);
        items.addEvent(execution.getProcessBusinessKey(), null, kind,
                summary.formatted(execution.getVariable("missedDeadline")), unit);
        notifications.ladderRung(notice, recordId, execution.getProcessBusinessKey(), unit,
                execution.getVariable("missedDeadline"), (Date) execution.getVariable("replyDue"));
    }
}
