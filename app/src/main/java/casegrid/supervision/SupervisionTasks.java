package casegrid.supervision;

import casegrid.process.TaskCompletion;
import casegrid.process.TaskInputs;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** 督办 and its reply, kept on the supervision ledger. */
@Component
class SupervisionTasks implements TaskCompletion {

    private final SupervisionRecords records;

    SupervisionTasks(SupervisionRecords records) {
        this.records = records;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of("Task_IssueSupervision", "Task_ReplySupervision");
    }

    @Override
    public String complete(DelegateTask task, String actor) {
        TaskInputs in = new TaskInputs(task);
        long recordId = ((Number) task.getVariable("supervisionRecordId")).longValue();
        if ("Task_IssueSupervision".equals(task.getTaskDefinitionKey())) {
            String notice = in.text("supervisionNotice", "必须填写督办意见");
            in.check();
            records.climb(recordId, SupervisionRecords.SUPERVISION);
            records.notice(recordId, notice);
            return "督办（" + task.getVariable("missedDeadline") + "）：" + notice;
        }
        String reply = in.text("supervisionReply", "必须填写督办回复");
        in.check();
        records.reply(recordId, reply);
        return reply;
    }
}
