package casegrid.notification;

import casegrid.deadline.DueTasks;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * "A deadline is approaching" and "a deadline was missed", told to the people a task waits for.
 *
 * <p>Approaching: a sweep over the open tasks due within {@code casegrid.notifications.approaching}
 * (default {@code PT4H}) tells the assignee, or else the candidate groups' people and robots. The lead
 * time is counted in calendar time: the working calendar knows working days, not office hours, and a
 * task due at the end of a working day would otherwise be announced the evening before. The event key
 * holds the task and its due date, so each due date is announced once and a changed one again.
 *
 * <p>Missed: each recorded miss (the sweep's task_deadline_miss row, a model timer's supervision record)
 * tells the holder and the unit's leaders once; the 催办/督办/通报 of the ladder follow separately.
 */
@Component
public class DeadlineNotices {

    private static final Logger log = LoggerFactory.getLogger(DeadlineNotices.class);

    private final Notifications notifications;
    private final DueTasks dueTasks;
    // Lazily: the ladder (and so this) is built while the engine may still be starting.
    private final ObjectProvider<ProcessEngine> engine;
    private final Duration lead;

    public DeadlineNotices(Notifications notifications, DueTasks dueTasks, ObjectProvider<ProcessEngine> engine,
                           @Value("${casegrid.notifications.approaching:PT4H}") String lead) {
        this.notifications = notifications;
        this.dueTasks = dueTasks;
        this.engine = engine;
        this.lead = Duration.parse(lead);
        if (this.lead.isNegative() || this.lead.isZero()) {
            throw new IllegalStateException("casegrid.notifications.approaching must be a positive duration: " + lead);
        }
    }

    @Scheduled(fixedDelayString = "${casegrid.deadlines.sweep-every:PT5M}",
            initialDelayString = "${casegrid.deadlines.sweep-every:PT5M}")
    public void scheduledSweep() {
        int told = sweepApproaching();
        if (told > 0) {
            log.info("Announced {} approaching task deadlines", told);
        }
    }

    /** Announces every open task due after the engine clock's now and within the lead time; returns how many notices wrote rows. */
    public int sweepApproaching() {
        if (!notifications.enabled()) {
            return 0;
        }
        Date now = ClockUtil.getCurrentTime();
        // dueBefore is exclusive: a task due exactly at the end of the lead time is announced too.
        return dueTasks.each(now, new Date(now.getTime() + lead.toMillis() + 1), task -> {
            TaskPeople people = people(task);
            return notifications.publish(new Notice(Notice.Kind.DEADLINE_APPROACHING,
                    "approaching:" + task.getId() + ":" + task.getDueDate().getTime(), numberOf(task),
                    "即将到期：" + nameOf(task), task.getDueDate(), people.users(), people.units())) > 0;
        });
    }

    /** The sweep recorded miss {@code missNumber} of an open task: its people and {@code leaders}' members hear of it. */
    public void taskMissed(Task task, String number, int missNumber, Date missAt, String leaders) {
        if (!notifications.enabled()) {
            return;
        }
        TaskPeople people = people(task);
        Set<String> users = new LinkedHashSet<>(people.users());
        users.addAll(notifications.membersOf(List.of(leaders)));
        notifications.publish(new Notice(Notice.Kind.DEADLINE_MISSED, "missed:task:" + task.getId() + ":" + missNumber,
                number, missed(nameOf(task), missNumber), task.getDueDate(), users, people.units()));
    }

    /** A model's timer recorded a miss (supervision record {@code recordId}) against {@code unit}: its people and leaders hear of it. */
    public void unitMissed(long recordId, String number, String deadlineName, Date dueAt, int missNumber, String unit,
                           String leaders) {
        if (!notifications.enabled()) {
            return;
        }
        notifications.publish(new Notice(Notice.Kind.DEADLINE_MISSED, "missed:supervision:" + recordId, number,
                missed(deadlineName, missNumber), dueAt, notifications.membersOf(List.of(unit, leaders)),
                List.of(TaskWaitingNotifier.unitOf(unit))));
    }

    private static String missed(String what, int missNumber) {
        return "已超期：" + what + "，第 " + missNumber + " 次超期，请尽快办理";
    }

    private TaskPeople people(Task task) {
        return TaskPeople.of(task.getAssignee(), engine.getObject().getTaskService().getIdentityLinksForTask(task.getId()),
                notifications);
    }

    private String numberOf(Task task) {
        if (task.getProcessInstanceId() == null) {
            return null;
        }
        ProcessInstance instance = engine.getObject().getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    /** The task's name without the item's title, which the lifecycle appends after " · ". */
    static String nameOf(Task task) {
        return task.getName() == null ? task.getTaskDefinitionKey() : task.getName().split(" · ")[0];
    }
}
