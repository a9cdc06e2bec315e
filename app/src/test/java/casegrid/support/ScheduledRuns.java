package casegrid.support;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the timer-started processes (日核, 周调, 月统) as the job executor would: moves the engine
 * clock to the scheduled time and executes the process's start timer job.
 */
public class ScheduledRuns {

    private final ProcessEngine engine;
    private final IntakeService intake;
    private final JdbcClient jdbc;

    public ScheduledRuns(ProcessEngine engine, IntakeService intake, JdbcClient jdbc) {
        this.engine = engine;
        this.intake = intake;
        this.jdbc = jdbc;
    }

    public Job startTimer(String processKey) {
        List<Job> jobs = engine.getManagementService().createJobQuery().processDefinitionKey(processKey).timers()
                .list().stream().filter(j -> j.getProcessInstanceId() == null).toList();
        assertThat(jobs).as("start timer of %s", processKey).hasSize(1);
        return jobs.get(0);
    }

    /** Runs the start timer at {@code isoWithOffset}; the instance it started, found by its business key. */
    public HistoricProcessInstance fireStart(String processKey, String isoWithOffset, String businessKey) {
        Scenario.clockAt(isoWithOffset);
        engine.getManagementService().executeJob(startTimer(processKey).getId());
        List<HistoricProcessInstance> started = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(processKey).processInstanceBusinessKey(businessKey).list();
        assertThat(started).as("%s instance %s", processKey, businessKey).hasSize(1);
        return started.get(0);
    }

    public List<Task> tasks(String processInstanceId) {
        return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).list();
    }

    /** The one open task of the instance for {@code street} (weeklyReview and monthlyStats review per street). */
    public Task streetTask(String processInstanceId, String street) {
        List<Task> tasks = streetTasks(processInstanceId, street);
        assertThat(tasks).as("open task of street %s", street).hasSize(1);
        return tasks.get(0);
    }

    public List<Task> streetTasks(String processInstanceId, String street) {
        return tasks(processInstanceId).stream()
                .filter(t -> street.equals(engine.getTaskService().getVariable(t.getId(), "street"))).toList();
    }

    /** Other streets (another test may have added one: docs/streets.md) mark their review ready, as the administrator. */
    public void completeOtherStreets(String processInstanceId, String street) {
        for (Task task : tasks(processInstanceId)) {
            if (!street.equals(engine.getTaskService().getVariable(task.getId(), "street"))) {
                completeAs("admin", task, Map.of("reviewAction", "READY"));
            }
        }
    }

    public String candidateGroup(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElseThrow();
    }

    public void completeAs(String user, Task task, Map<String, Object> vars) {
        new Scenario(engine, intake, jdbc).as(user, () -> {
            engine.getTaskService().claim(task.getId(), user);
            engine.getTaskService().complete(task.getId(), vars);
        });
    }

    /** The flow nodes an instance has passed so far, in order (running or ended). */
    public List<String> passed(String processInstanceId) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderPartiallyByOccurrence().asc().list().stream().map(a -> a.getActivityId()).toList();
    }

    /** Status and reviewer of the demo street's weekly or monthly report snapshot. */
    public Map<String, Object> reportSnapshot(String kind, String period) {
        return reportSnapshot(kind, period, "QF");
    }

    public Map<String, Object> reportSnapshot(String kind, String period, String street) {
        return jdbc.sql("select status, reviewed_by from report_snapshot where kind = ? and period = ? and street_code = ?")
                .params(kind, period, street).query().singleRow();
    }
}
