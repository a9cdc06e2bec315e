package casegrid.supervision;

import casegrid.item.ItemEvent;
import casegrid.notification.Notice;
import casegrid.notification.Notifications;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** 督办 and its reply, kept on the supervision ledger. */
@TaskHandlers
record SupervisionTasks(SupervisionRecords records, Notifications notifications) {

    @HandlesForm("issue-supervision")
    Completion issue(DelegateTask task, TaskInputs in, String number, String actor) {
        String notice = in.onlyNote("supervisionNotice", "必须填写督办意见");
        long recordId = recordId(task);
        records.climb(recordId, SupervisionRecords.SUPERVISION);
        records.notice(recordId, notice);
        notifications.ladderRung(Notice.Kind.SUPERVISION, recordId, number, (String) task.getVariable(casegrid.item.RiskItemVariables.RESPONSIBLE_UNIT),
                task.getVariable("missedDeadline"), (java.util.Date) task.getVariable("replyDue"));
        return Completion.of(ItemEvent.SUPERVISION_ISSUED, "督办（" + task.getVariable("missedDeadline") + "）：" + notice);
    }

    @HandlesForm("reply-supervision")
    Completion reply(DelegateTask task, TaskInputs in, String number, String actor) {
        String reply = in.onlyNote("supervisionReply", "必须填写督办回复");
        records.reply(recordId(task), reply);
        return Completion.of(ItemEvent.SUPERVISION_REPLIED, reply);
    }

    private static long recordId(DelegateTask task) {
        return ((Number) task.getVariable("supervisionRecordId")).longValue();
    }
}
