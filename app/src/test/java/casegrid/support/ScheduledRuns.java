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

    /** Status and reviewer of a weekly or monthly report snapshot. */
    public Map<String, Object> reportSnapshot(String kind, String period) {
        return jdbc.sql("select status, reviewed_by from report_snapshot where kind = ? and period = ?")
                .params(kind, period).query().singleRow();
    }
}
