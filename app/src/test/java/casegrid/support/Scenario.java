package casegrid.support;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeRequest;
import casegrid.intake.IntakeService;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drives one risk item through its process the way its users would: intake, then each task
 * completed by a named user with the variables its form sends; timers fired with the engine clock.
 */
public class Scenario {

    private final ProcessEngine engine;
    private final IntakeService intake;
    private final JdbcClient jdbc;
    public String number;
    public String processInstanceId;
    private ProcessInstance processInstance;

    public Scenario(ProcessEngine engine, IntakeService intake, JdbcClient jdbc) {
        this.engine = engine;
        this.intake = intake;
        this.jdbc = jdbc;
    }

    public static IntakeRequest request(String community, String title, String address, String partyName, String phone,
                                        String category, int people) {
        return new IntakeRequest(title, "楼上住户长期漏水，多次协商未果，双方情绪激动。", category, null, "GRID_SURVEY",
                community, community + "-G1", address, OffsetDateTime.parse("2026-11-20T09:00:00+08:00"), people,
                List.of(new IntakeRequest.PartyInput(partyName, phone, "当事人")), false, false, false);
    }

    public static IntakeRequest neighbourDispute(String community) {
        return request(community, "楼上漏水纠纷", community + " 幸福路" + System.nanoTime() + "号",
                "张" + System.nanoTime(), null, "DISPUTE", 2);
    }

    /**
     * A neighbour dispute of {@code community} reported by its first grid worker, graded at
     * {@code level} and planned with the community's staff as resolver (for HIGH by the street
     * center, with an approved emergency plan): the item waits in resolution.
     */
    public Scenario planned(String community, String level) {
        String c = community.toLowerCase();
        intake(c + "-grid1", neighbourDispute(community));
        complete("Task_Grade", c + "-staff", "riskLevel", level, "fixableNow", false, "gradeReason", "现场核实后调整");
        complete("Task_Plan", "HIGH".equals(level) ? "center1" : c + "-staff", "responsibleUnit", "community-" + community,
                "responsibleLeader", c + "-leader", "investigator", c + "-grid1", "resolver", c + "-staff",
                "stabiliser", c + "-grid2", "dispatcher", "center1", "measures", "组织双方调解。", "resolveBy", "");
        if ("HIGH".equals(level)) {
            complete("Task_EmergencyPlan", "center1", "activationCriteria", "双方发生肢体冲突", "standDownCriteria",
                    "达成调解协议", "command", "街道分管领导任总指挥", "duties", "社区稳控，派出所出警", "emergencyMeasures",
                    "现场隔离劝离", "supplies", "执法记录仪");
            complete("Task_ApproveEmergencyPlan", "leader1", "approved", true, "approvalNote", "");
        }
        return this;
    }

    public Scenario intake(String reporter, IntakeRequest request) {
        as(reporter, () -> {
            IntakeService.IntakeResult result = intake.register(request, reporter, null);
            number = result.number();
            processInstanceId = result.processInstanceId();
        });
        processInstance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        return this;
    }

    /** The instance as started; camunda-bpm-assert looks its current state up by id, also once it has ended. */
    public ProcessInstance instance() {
        return processInstance;
    }

    public Task task(String taskKey) {
        List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(number)
                .taskDefinitionKey(taskKey).list();
        assertThat(tasks).as("open %s of %s", taskKey, number).hasSize(1);
        return tasks.get(0);
    }

    public Scenario complete(String taskKey, String user, Object... keyValues) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            vars.put((String) keyValues[i], keyValues[i + 1]);
        }
        Task task = task(taskKey);
        as(user, () -> {
            engine.getTaskService().claim(task.getId(), user);
            engine.getTaskService().complete(task.getId(), vars);
        });
        return this;
    }

    /** Runs {@code work} as {@code user}, with the user's groups, as the REST filter would. */
    public void as(String user, Runnable work) {
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).toList();
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            work.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** The timer job of a boundary timer of this item's instance. */
    public Job timer(String activityId) {
        List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
                .activityId(activityId).timers().list();
        assertThat(jobs).as("timer %s", activityId).hasSize(1);
        return jobs.get(0);
    }

    /** Moves the engine clock to the timer's due time (plus a minute) and runs it. */
    public Scenario fire(String activityId) {
        Job job = timer(activityId);
        ClockUtil.setCurrentTime(new Date(job.getDuedate().getTime() + 60_000));
        engine.getManagementService().executeJob(job.getId());
        return this;
    }

    public static void clockAt(String isoWithOffset) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.parse(isoWithOffset).toInstant()));
    }

    public Map<String, Object> item() {
        return jdbc.sql("select * from risk_item where number = ?").param(number).query().singleRow();
    }

    public String status() {
        return (String) item().get("status");
    }

    public List<String> eventKinds() {
        return jdbc.sql("select kind from risk_item_event where number = ? order by at, id").param(number)
                .query(String.class).list();
    }

    public Object variable(String name) {
        return engine.getRuntimeService().getVariable(processInstanceId, name);
    }

    /** Supervision instances started for this item, running or ended. */
    public List<org.camunda.bpm.engine.history.HistoricProcessInstance> supervisions() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("supervision")
                .processInstanceBusinessKey(number).list();
    }
}
