package casegrid.notification;

import casegrid.deadline.DueTasks;
import casegrid.deadline.WorkingCalendar;
import casegrid.org.Office;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The morning digest (每日待办汇总): on each working day, every person whose tasks (assigned to them, or
 * to a group of theirs) are due today or overdue gets one message listing them; nobody else gets one.
 * The list shows item numbers, task names and due times only: no titles, so no party data can slip in.
 * Every node may run it; the event key (the day) with the recipient and channel sends it once.
 */
@Component
public class DailyDigest {

    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final Notifications notifications;
    private final DueTasks dueTasks;
    private final WorkingCalendar calendar;
    private final ProcessEngine engine;

    public DailyDigest(Notifications notifications, DueTasks dueTasks, WorkingCalendar calendar, ProcessEngine engine) {
        this.notifications = notifications;
        this.dueTasks = dueTasks;
        this.calendar = calendar;
        this.engine = engine;
    }

    @Scheduled(cron = "${casegrid.notifications.digest:0 30 8 * * *}", zone = "Asia/Shanghai")
    public void scheduledDigest() {
        int people = send(LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), Office.ZONE));
        log.info("Daily digest for {} people", people);
    }

    /** Sends {@code day}'s digest as of the engine clock's now; returns how many people got one (0 on a day off). */
    public int send(LocalDate day) {
        if (!notifications.enabled() || !calendar.isWorkingDay(day)) {
            return 0;
        }
        Date now = ClockUtil.getCurrentTime();
        // A deadline "by the end of the day" is stored as the next midnight: it is due today, too.
        Date endOfDay = Date.from(day.plusDays(1).atStartOfDay(Office.ZONE).toInstant());
        Map<String, List<Line>> byPerson = new LinkedHashMap<>();
        Map<String, String> numbers = new HashMap<>();
        dueTasks.each(null, new Date(endOfDay.getTime() + 1), task -> {
            Line line = new Line(task.getDueDate().after(now), number(task, numbers), DeadlineNotices.nameOf(task),
                    task.getDueDate());
            TaskPeople people = TaskPeople.of(task.getAssignee(),
                    engine.getTaskService().getIdentityLinksForTask(task.getId()), notifications);
            for (String user : people.users()) {
                byPerson.computeIfAbsent(user, u -> new ArrayList<>()).add(line);
            }
            return true;
        });
        String key = "digest:" + day;
        int told = 0;
        for (Map.Entry<String, List<Line>> person : byPerson.entrySet()) {
            told += notifications.publish(new Notice(Notice.Kind.DAILY_DIGEST, key, null, text(person.getValue()), null,
                    List.of(person.getKey()), List.of())) > 0 ? 1 : 0;
        }
        return told;
    }

    private record Line(boolean dueToday, String number, String task, Date due) {
        String shown() {
            return (dueToday ? "今日到期" : "已超期") + "｜" + (number.isEmpty() ? "" : number + " ") + task + "｜期限 "
                    + SHOWN.format(due.toInstant().atZone(Office.ZONE));
        }
    }

    private static String text(List<Line> lines) {
        long today = lines.stream().filter(Line::dueToday).count();
        StringBuilder text = new StringBuilder("今日到期 " + today + " 项，已超期 " + (lines.size() - today) + " 项");
        lines.stream().sorted((a, b) -> Boolean.compare(a.dueToday(), b.dueToday()))
                .forEach(line -> text.append('\n').append(line.shown()));
        return text.toString();
    }

    private String number(Task task, Map<String, String> numbers) {
        if (task.getProcessInstanceId() == null) {
            return null;
        }
        return numbers.computeIfAbsent(task.getProcessInstanceId(), id -> {
            var instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
            return instance == null || instance.getBusinessKey() == null ? "" : instance.getBusinessKey();
        });
    }
}
