package casegrid.designer;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What docs/deploying-models.md promises a process designer, proved over HTTP against the running app:
 * a DMN change takes effect for the next intake, a new riskItem version applies to new items only, and a
 * running item is moved to the new version with the migration API and completes there.
 *
 * <p>The suite shares one engine, so whatever is deployed here becomes "latest" for every later test:
 * the variants only differ in a version tag or one stricter rule, and every test ends by redeploying the
 * original files from {@code processes/} and {@code forms/} (as the doc's roll-back section describes).
 * Refusals of non-designers and of scripts are proved in {@code SecurityHttpTest}.
 */
@CasegridTest
class ModelDeploymentHttpTest {

    static final String RISK_ITEM = "processes/risk-item.bpmn";
    static final String GRADING = "processes/risk-grading.dmn";
    static final String VARIANT_TAG = "designer-test";

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    /** Classpath files this test replaced with a variant, redeployed afterwards. */
    final List<String> changed = new ArrayList<>();

    @BeforeEach
    void setUp() {
        // Monday 2026-11-23, 10:00 in the office: deadlines fall on plain working days.
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
    }

    @AfterEach
    void restoreOriginals() {
        try {
            if (changed.contains(GRADING)) {
                deployAsDesigner("恢复原始研判规则", Map.of("risk-grading.dmn", original(GRADING)));
            }
            if (changed.contains(RISK_ITEM)) {
                deployAsDesigner("恢复原始主流程", withForms("risk-item.bpmn", original(RISK_ITEM)));
                assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("riskItem")
                        .latestVersion().singleResult().getVersionTag()).isNull();
            }
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void aStricterGradingRuleDeployedByTheDesignerTakesEffectForTheNextIntake() {
        // Three people in a public-safety matter: the original table suggests LOW.
        assertThat(suggestedLevel(intakeOverHttp("C03", 3))).isEqualTo("LOW");
        int versionBefore = latestDecisionVersion();

        // The designer lowers "10 or more people → MEDIUM" to 3 or more and deploys only the DMN.
        String stricter = replaceOnce(originalText(GRADING),
                "<inputEntry id=\"Rule_TenOrMorePeople_PeopleInvolved\"><text>&gt;= 10</text>",
                "<inputEntry id=\"Rule_TenOrMorePeople_PeopleInvolved\"><text>&gt;= 3</text>");
        changed.add(GRADING);
        JsonNode deployment = deployAsDesigner("研判规则：3人及以上按中风险", Map.of("risk-grading.dmn", utf8(stricter))).json();
        assertThat(deployment.path("deployedDecisionDefinitions").size()).isEqualTo(1);
        JsonNode latest = new Http(port).as("designer").get("/engine-rest/decision-definition/key/Decision_RiskGrading").json();
        assertThat(latest.path("version").asInt()).isEqualTo(versionBefore + 1);
        assertThat(latest.path("deploymentId").asText()).isEqualTo(deployment.path("id").asText());

        // No restart: the very next intake is graded by the new table (decisionRefBinding="latest").
        assertThat(suggestedLevel(intakeOverHttp("C03", 3))).isEqualTo("MEDIUM");

        // Rolling back is deploying the original file again; it becomes the latest version.
        deployAsDesigner("恢复原始研判规则", Map.of("risk-grading.dmn", original(GRADING)));
        changed.remove(GRADING);
        assertThat(latestDecisionVersion()).isEqualTo(versionBefore + 2);
        assertThat(suggestedLevel(intakeOverHttp("C03", 3))).isEqualTo("LOW");
    }

    @Test
    void aNewRiskItemVersionAppliesToNewItemsWhileARunningItemStaysOnItsOwn() {
        String running = intakeOverHttp("C04", 2);
        String oldDefinition = processDefinitionOf(running);

        changed.add(RISK_ITEM);
        JsonNode deployment = deployAsDesigner("主流程：新版本", withForms("risk-item.bpmn", variant())).json();
        String newDefinition = single(deployment.path("deployedProcessDefinitions")).path("id").asText();
        assertThat(newDefinition).isNotEqualTo(oldDefinition);
        JsonNode latest = new Http(port).as("designer").get("/engine-rest/process-definition/key/riskItem").json();
        assertThat(latest.path("id").asText()).isEqualTo(newDefinition);
        assertThat(latest.path("versionTag").asText()).isEqualTo(VARIANT_TAG);
        // The forms came in the same deployment: formRefBinding="deployment" resolves them there.
        assertThat(deploymentResources(deployment.path("id").asText())).contains("grade.form", "plan.form", "risk-item.bpmn");

        String fresh = intakeOverHttp("C04", 2);
        assertThat(processDefinitionOf(fresh)).isEqualTo(newDefinition);
        assertThat(processDefinitionOf(running)).isEqualTo(oldDefinition);

        // Both are worked on as usual, each on its own version, each task with its form.
        for (String number : List.of(running, fresh)) {
            JsonNode form = new Http(port).as("c04-staff").get("/engine-rest/task/" + taskId(number, "Task_Grade") + "/deployed-form").json();
            assertThat(form.path("id").asText()).isEqualTo("grade");
            item(number).complete("Task_Grade", "c04-staff", "riskLevel", "LOW", "fixableNow", false);
        }
        assertThat(taskOf(running, "Task_Plan").getProcessDefinitionId()).isEqualTo(oldDefinition);
        assertThat(taskOf(fresh, "Task_Plan").getProcessDefinitionId()).isEqualTo(newDefinition);
    }

    @Test
    void theAdminMigratesARunningItemToTheNewVersionAsDocumentedAndItCompletesThere() {
        // An item in resolution: two user tasks inside the sub-process, deadline timers running.
        Scenario item = item(intakeOverHttp("C05", 2));
        planned(item, "C05");
        String oldDefinition = processDefinitionOf(item.number);
        Map<String, Date> dueDates = timerDueDates(item.number);
        assertThat(dueDates).containsKeys("Timer_FeedbackOverdue", "Timer_ResolveByPassed", "Timer_WeeklyUpdateMissed");

        changed.add(RISK_ITEM);
        String newDefinition = single(deployAsDesigner("主流程：新版本", withForms("risk-item.bpmn", variant())).json()
                .path("deployedProcessDefinitions")).path("id").asText();

        // Step 1 (designer): generate the plan and validate it; he may read definitions but not run it.
        Http designer = new Http(port).as("designer");
        Http.Response generated = designer.postJson("/engine-rest/migration/generate", Map.of(
                "sourceProcessDefinitionId", oldDefinition, "targetProcessDefinitionId", newDefinition,
                "updateEventTriggers", false));
        assertThat(generated.status()).as(generated.body()).isEqualTo(200);
        JsonNode plan = generated.json();
        assertThat(plan.path("instructions").findValues("sourceActivityIds").toString())
                .contains("Task_Feedback", "Task_Resolve", "Timer_ResolveByPassed");
        Http.Response validated = designer.postJson("/engine-rest/migration/validate", plan);
        assertThat(validated.status()).as(validated.body()).isEqualTo(200);
        assertThat(validated.json().path("instructionReports").size()).isZero();
        Map<String, Object> execution = Map.of("migrationPlan", plan, "processInstanceIds", List.of(item.processInstanceId),
                "skipCustomListeners", false, "skipIoMappings", false);
        Http.Response refused = designer.postJson("/engine-rest/migration/execute", execution);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(processDefinitionOf(item.number)).isEqualTo(oldDefinition);

        // Step 2 (admin): execute it for the chosen items.
        Http.Response executed = new Http(port).as("admin").postJson("/engine-rest/migration/execute", execution);
        assertThat(executed.status()).as(executed.body()).isEqualTo(204);
        assertThat(processDefinitionOf(item.number)).isEqualTo(newDefinition);
        assertThat(taskOf(item.number, "Task_Feedback").getProcessDefinitionId()).isEqualTo(newDefinition);
        // The deadlines are the item's, not the model's: migration keeps their due dates.
        assertThat(timerDueDates(item.number)).isEqualTo(dueDates);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(item.processInstanceId).list())
                .allMatch(job -> newDefinition.equals(job.getProcessDefinitionId()));

        // And the item goes on to the end on the new version.
        item.complete("Task_Feedback", "c05-staff", "feedbackNote", "已核实，双方同意调解");
        item.complete("Task_Resolve", "c05-staff", "resolutionOutcome", "RESOLVED", "progressNote", "签订调解协议");
        item.complete("Task_RequestClosure", "c05-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "调解协议书", "noEvidenceReason", "纸质材料在社区存档");
        item.complete("Task_ApproveClosure", "c05-leader", "approved", true, "approvalNote", "同意");
        item.complete("Task_FollowUpVisit", "c05-staff", "satisfaction", "SATISFIED", "visitNote", "满意");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(item.processInstanceId)
                .singleResult().getEndTime()).isNotNull();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(item.processInstanceId)
                .activityId("EndEvent_Closed").processDefinitionId(newDefinition).count()).isEqualTo(1);
        assertThat(item.status()).isEqualTo("CLOSED");
    }

    @Test
    void nobodyButTheAdminMayExecuteAMigration() {
        String number = intakeOverHttp("C06", 2);
        String definition = processDefinitionOf(number);
        // Planning only reads definitions: designers (and the intake roles, who may read riskItem) may do it.
        JsonNode plan = new Http(port).as("designer").postJson("/engine-rest/migration/generate",
                Map.of("sourceProcessDefinitionId", definition, "targetProcessDefinitionId", definition)).json();
        Map<String, Object> execution = Map.of("migrationPlan", plan, "processInstanceIds", List.of(item(number).processInstanceId));
        for (String user : List.of("designer", "center1", "leader1", "c06-leader", "c06-staff")) {
            Http.Response response = new Http(port).as(user).postJson("/engine-rest/migration/execute", execution);
            assertThat(response.status()).as(user + ": " + response.body()).isEqualTo(403);
        }
        assertThat(new Http(port).as("admin").postJson("/engine-rest/migration/execute", execution).status()).isEqualTo(204);
    }

    @Test
    void aDecisionTableWithAScriptCellIsRefusedClearlyAndTheCurrentTableStays() {
        int versionBefore = latestDecisionVersion();
        // Modeler lets a designer switch one cell to JavaScript; the grading would then fail for every intake.
        String scripted = replaceOnce(originalText(GRADING),
                "<inputEntry id=\"Rule_TenOrMorePeople_PeopleInvolved\"><text>&gt;= 10</text>",
                "<inputEntry id=\"Rule_TenOrMorePeople_PeopleInvolved\" expressionLanguage=\"javascript\"><text>peopleInvolved &gt;= 10</text>");
        Http.Response response = new Http(port).as("designer").postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", "脚本规则"), Map.of("risk-grading.dmn", utf8(scripted)));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains("不允许在决策表中使用脚本")
                .contains("expression language javascript on Rule_TenOrMorePeople_PeopleInvolved");
        assertThat(latestDecisionVersion()).isEqualTo(versionBefore);
        assertThat(suggestedLevel(intakeOverHttp("C07", 3))).isEqualTo("LOW");
    }

    @Test
    void aTaskRenamedByTheDesignerChangesNoWeeklyOrMonthlyFigure() {
        // Tuesday 2027-03-09, a week no other test works in; both rounds of the same work fall in it.
        Scenario.clockAt("2027-03-09T10:00:00+08:00");
        Map<String, Long> before = figures();
        List<String> originalTimeline = sameWork("Task_Resolve");
        Map<String, Long> afterOriginal = figures();

        // The designer renames 化解处置 in Modeler (its id, every reference to it, its diagram shape) and deploys.
        changed.add(RISK_ITEM);
        String renamed = originalText(RISK_ITEM).replaceAll("Task_Resolve(?![A-Za-z])", "Task_ResolveItem");
        assertThat(renamed).doesNotContain("\"Task_Resolve\"");
        deployAsDesigner("主流程：化解处置改名", withForms("risk-item.bpmn", utf8(renamed)));
        List<String> renamedTimeline = sameWork("Task_ResolveItem");
        Map<String, Long> afterRenamed = figures();

        // The same work counts the same, whatever the task is called: every counted figure moves by the same step.
        Map<String, Long> firstRound = delta(before, afterOriginal);
        assertThat(firstRound).containsEntry("weekly.totals.newItems", 3L).containsEntry("weekly.totals.resolved", 2L)
                .containsEntry("weekly.totals.transferred", 1L).containsEntry("weekly.totals.closed", 1L)
                .containsEntry("monthly.totals.resolved", 2L).containsEntry("weekly.feedbackOnTime.onTime", 3L);
        assertThat(delta(afterOriginal, afterRenamed)).isEqualTo(firstRound);
        // And the timeline tells the same story in the domain's words; the task id is only a trace.
        assertThat(renamedTimeline).isEqualTo(originalTimeline).contains("RESOLUTION_REQUESTED", "TRANSFERRED", "RECTIFIED")
                .noneMatch(kind -> kind.startsWith("Task_"));
        assertThat(jdbc.sql("select count(*) from risk_item_event where task_key = 'Task_ResolveItem'").query(Integer.class)
                .single()).isEqualTo(3);
    }

    /**
     * Three items of C08: one resolved and closed, one transferred, one fixed at once; the resolution
     * task under the given id. Returns the kinds of their timelines, in order.
     */
    List<String> sameWork(String resolveTask) {
        Scenario resolved = item(intakeOverHttp("C08", 2));
        planned(resolved, "C08");
        resolved.complete("Task_Feedback", "c08-staff", "feedbackNote", "已核实");
        resolved.complete(resolveTask, "c08-staff", "resolutionOutcome", "CONTINUE", "progressNote", "约谈双方");
        resolved.complete(resolveTask, "c08-staff", "resolutionOutcome", "RESOLVED", "progressNote", "签订调解协议");
        resolved.complete("Task_RequestClosure", "c08-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "调解协议书", "noEvidenceReason", "纸质材料在社区存档");
        resolved.complete("Task_ApproveClosure", "c08-leader", "approved", true, "approvalNote", "同意");

        Scenario transferred = item(intakeOverHttp("C08", 2));
        planned(transferred, "C08");
        transferred.complete("Task_Feedback", "c08-staff", "feedbackNote", "已核实");
        transferred.complete(resolveTask, "c08-staff", "resolutionOutcome", "TRANSFER", "progressNote", "属区级职责",
                "transferTo", "DISTRICT_HOUSING");

        Scenario fixed = item(intakeOverHttp("C08", 2));
        fixed.complete("Task_Grade", "c08-staff", "riskLevel", "LOW", "fixableNow", true);
        fixed.complete("Task_RectifyNow", "c08-staff", "rectificationNote", "当场清理完毕");
        fixed.complete("Task_RequestClosure", "c08-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "现场照片", "noEvidenceReason", "纸质材料在社区存档");

        List<String> kinds = new ArrayList<>();
        for (Scenario item : List.of(resolved, transferred, fixed)) {
            kinds.addAll(item.eventKinds());
        }
        return kinds;
    }

    /** Every whole-number figure of the street's weekly and monthly report for the work's period, by path. */
    Map<String, Long> figures() {
        Map<String, Long> figures = new java.util.TreeMap<>();
        Http center = new Http(port).as("center1");
        flatten("weekly", center.get("/api/reports/weekly?week=2027-W10").json(), figures);
        flatten("monthly", center.get("/api/reports/monthly?month=2027-03").json(), figures);
        return figures;
    }

    static void flatten(String path, JsonNode node, Map<String, Long> into) {
        if (node.isIntegralNumber()) {
            into.put(path, node.asLong());
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(path + "." + e.getKey(), e.getValue(), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                String name = element.hasNonNull("code") ? element.get("code").asText()
                        : element.hasNonNull("level") ? element.get("level").asText() : String.valueOf(i);
                flatten(path + "[" + name + "]", element, into);
            }
        }
    }

    static Map<String, Long> delta(Map<String, Long> from, Map<String, Long> to) {
        Map<String, Long> delta = new java.util.TreeMap<>();
        to.forEach((path, value) -> delta.put(path, value - from.getOrDefault(path, 0L)));
        return delta;
    }

    // --- helpers -------------------------------------------------------------------------------------

    Http.Response deployAsDesigner(String name, Map<String, byte[]> files) {
        Http.Response response = new Http(port).as("designer").postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", name, "deployment-source", "Camunda Modeler"), files);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** The riskItem model with the forms its user tasks name (formRefBinding="deployment"). */
    static Map<String, byte[]> withForms(String fileName, byte[] bpmn) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(fileName, bpmn);
        Matcher formRefs = Pattern.compile("camunda:formRef=\"([^\"]+)\"").matcher(new String(bpmn, StandardCharsets.UTF_8));
        while (formRefs.find()) {
            String form = formRefs.group(1) + ".form";
            files.putIfAbsent(form, original("forms/" + form));
        }
        return files;
    }

    /** Behaviour-identical riskItem, told apart by its version tag only. */
    static byte[] variant() {
        return utf8(replaceOnce(originalText(RISK_ITEM), "<bpmn:process id=\"riskItem\" ",
                "<bpmn:process id=\"riskItem\" camunda:versionTag=\"" + VARIANT_TAG + "\" "));
    }

    String intakeOverHttp(String community, int people) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "楼道堆放杂物");
        body.put("description", "楼道长期堆放纸箱，存在消防隐患。");
        body.put("category", "PUBLIC_SAFETY");
        body.put("source", "GRID_SURVEY");
        body.put("community", community);
        body.put("grid", community + "-G2");
        body.put("address", community + " 福源路" + System.nanoTime() + "号");
        body.put("occurredAt", "2026-11-20T09:30:00+08:00");
        body.put("peopleInvolved", people);
        body.put("parties", List.of(Map.of("name", "陈" + System.nanoTime(), "role", "住户")));
        body.put("threatOfViolence", false);
        body.put("involvesMinors", false);
        body.put("crossJurisdiction", false);
        Http.Response response = new Http(port).as(community.toLowerCase() + "-grid1").postJson("/api/risk-items", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("number").asText();
    }

    /** The suggestion as the grading community sees it on its task, over REST. */
    String suggestedLevel(String number) {
        String community = jdbc.sql("select community from risk_item where number = ?").param(number)
                .query(String.class).single();
        Http staff = new Http(port).as(community.toLowerCase() + "-staff");
        Http.Response variable = staff.get("/engine-rest/task/" + taskId(number, "Task_Grade") + "/variables/suggestedLevel");
        assertThat(variable.status()).as(variable.body()).isEqualTo(200);
        return variable.json().path("value").asText();
    }

    String taskId(String number, String taskKey) {
        return taskOf(number, taskKey).getId();
    }

    Task taskOf(String number, String taskKey) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey(taskKey)
                .singleResult();
    }

    String processDefinitionOf(String number) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey("riskItem").singleResult().getProcessDefinitionId();
    }

    int latestDecisionVersion() {
        return engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey("Decision_RiskGrading")
                .latestVersion().singleResult().getVersion();
    }

    List<String> deploymentResources(String deploymentId) {
        return engine.getRepositoryService().getDeploymentResourceNames(deploymentId).stream()
                .map(name -> name.substring(name.lastIndexOf('/') + 1)).toList();
    }

    Map<String, Date> timerDueDates(String number) {
        String instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey("riskItem").singleResult().getId();
        Map<String, Date> due = new HashMap<>();
        for (Job job : engine.getManagementService().createJobQuery().processInstanceId(instance).timers().list()) {
            String activity = engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                    .singleResult().getActivityId();
            due.put(activity, job.getDuedate());
        }
        return due;
    }

    Scenario item(String number) {
        Scenario item = new Scenario(engine, intake, jdbc);
        item.number = number;
        item.processInstanceId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey("riskItem").singleResult().getId();
        return item;
    }

    static void planned(Scenario item, String community) {
        String c = community.toLowerCase();
        item.complete("Task_Grade", c + "-staff", "riskLevel", "LOW", "fixableNow", false);
        item.complete("Task_Plan", c + "-staff", "responsibleUnit", "community-" + community,
                "responsibleLeader", c + "-leader", "investigator", c + "-grid1", "resolver", c + "-staff",
                "stabiliser", c + "-grid2", "dispatcher", "center1", "measures", "组织清理，物业配合。", "resolveBy", "");
    }

    static JsonNode single(JsonNode definitions) {
        assertThat(definitions.size()).as(definitions.toString()).isEqualTo(1);
        return definitions.elements().next();
    }

    static String replaceOnce(String text, String from, String to) {
        assertThat(text.indexOf(from)).as("variant anchor: " + from).isNotNegative();
        assertThat(text.indexOf(from, text.indexOf(from) + 1)).as("anchor is unique: " + from).isNegative();
        return text.replace(from, to);
    }

    static byte[] original(String classpathFile) {
        try {
            return new ClassPathResource(classpathFile).getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String originalText(String classpathFile) {
        return new String(original(classpathFile), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
