package casegrid.deadline;

import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The open user tasks by due date, read in bounded pages through an index on ACT_RU_TASK's due date: the
 * one query behind every sweep over deadlines (misses, approaching deadlines, the daily digest).
 */
@Component
public class DueTasks {

    private final ProcessEngine engine;
    private final int batchSize;

    public DueTasks(ProcessEngine engine, JdbcClient jdbc, @Value("${casegrid.deadlines.sweep-batch:200}") int batchSize) {
        this.engine = engine;
        this.batchSize = batchSize;
        // Camunda indexes no due date; the sweeps (and Tasklist's 已超期 filter) read by it.
        jdbc.sql("create index if not exists casegrid_act_ru_task_due_idx on act_ru_task (due_date_)").update();
    }

    /**
     * Hands each open task due after {@code after} (exclusive; null: no lower bound) and before
     * {@code before} (exclusive) to {@code action}, earliest first; returns how many it answered true for.
     */
    public int each(Date after, Date before, Predicate<Task> action) {
        int handled = 0;
        for (int first = 0; ; first += batchSize) {
            TaskQuery query = engine.getTaskService().createTaskQuery().dueBefore(before);
            if (after != null) {
                query.dueAfter(after);
            }
            List<Task> page = query.orderByDueDate().asc().orderByTaskId().asc().listPage(first, batchSize);
            for (Task task : page) {
                handled += action.test(task) ? 1 : 0;
            }
            if (page.size() < batchSize) {
                return handled;
            }
        }
    }
}
