package casegrid.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Work an item's riskItem instance calls or starts (whistle, jointMeeting, meetingAction), found by the
 * item's business key: tasks picked by the user who may do them, timers fired with the engine clock.
 */
public class CalledWork {

    private final ProcessEngine engine;
    private final Scenario item;

    public CalledWork(ProcessEngine engine, Scenario item) {
        this.engine = engine;
        this.item = item;
    }

    /** The one open {@code taskKey} of the item that {@code user} may do (as candidate, or already claimed). */
    public Task taskFor(String taskKey, String user) {
        List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey(taskKey).or().taskCandidateUser(user).taskAssignee(user).endOr().list();
        assertThat(tasks).as("open %s of %s for %s", taskKey, item.number, user).hasSize(1);
        return tasks.get(0);
    }

    public CalledWork complete(String taskKey, String user, Object... keyValues) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            vars.put((String) keyValues[i], keyValues[i + 1]);
        }
        Task task = taskFor(taskKey, user);
        item.as(user, () -> {
            if (!user.equals(task.getAssignee())) {
                engine.getTaskService().claim(task.getId(), user);
            }
            engine.getTaskService().complete(task.getId(), vars);
        });
        return this;
    }

    public List<Job> timers(String processKey, String activityId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(item.number)
                .processDefinitionKey(processKey).list().stream()
                .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                        .activityId(activityId).timers().list().stream())
                .toList();
    }

    /** Moves the clock past every such timer's due time and runs them all. */
    public CalledWork fireAll(String processKey, String activityId) {
        List<Job> jobs = timers(processKey, activityId);
        assertThat(jobs).as("timers %s in %s", activityId, processKey).isNotEmpty();
        long latest = jobs.stream().mapToLong(j -> j.getDuedate().getTime()).max().orElseThrow();
        ClockUtil.setCurrentTime(new Date(latest + 60_000));
        jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        return this;
    }

    public boolean running(String processKey) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(item.number)
                .processDefinitionKey(processKey).count() > 0;
    }
}
