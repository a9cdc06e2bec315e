package casegrid.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The role filters exist once, are visible to caseworkers, and their time windows follow the working calendar. */
@CasegridTest
class TasklistFiltersTest {

    @LocalServerPort int port;
    @Autowired TasklistFilters filters;
    @Autowired FilterService filterService;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    String deploymentId;

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        if (deploymentId != null) {
            // A deployment with running instances is never deleted (LiveCaseGuard): end the probe's first.
            runtimeService.createProcessInstanceQuery().deploymentId(deploymentId).list()
                    .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "probe done"));
            repositoryService.deleteDeployment(deploymentId, true);
        }
        filters.refreshTimeWindows();
    }

    @Test
    void aCaseworkerSeesTheFiveFiltersOnceEach() {
        JsonNode visible = new Http(port).as("c03-staff").get("/engine-rest/filter?resourceType=Task&maxResults=100").json();
        List<String> names = new ArrayList<>();
        visible.forEach(f -> names.add(f.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("我的待办", "本组待办", "即将到期", "已超期", "高风险");
        assertThat(filterService.createFilterQuery().filterName("我的待办").filterOwner("c03-staff").count()).isEqualTo(1);
        filters.synchronise();
        assertThat(new Http(port).as("c03-staff").get("/engine-rest/filter?resourceType=Task&maxResults=100").json())
                .hasSize(5);
    }

    @Test
    void everyFilterShowsTheItemColumns() {
        JsonNode visible = new Http(port).as("c03-staff").get("/engine-rest/filter?resourceType=Task&maxResults=100").json();
        assertThat(visible).hasSize(5);
        for (JsonNode filter : visible) {
            List<String> columns = new ArrayList<>();
            filter.path("properties").path("variables").forEach(v -> columns.add(v.path("name").asText() + "=" + v.path("label").asText()));
            assertThat(columns).as(filter.path("name").asText()).containsExactly(
                    "itemNumber=编号", "itemLevel=风险等级", "itemCommunity=社区", "itemResolveBy=办结期限", "itemTitle=事项");
        }
    }

    @Test
    void noFilterStoresASortOrderSoTheOneAUserPicksInTasklistApplies() {
        JsonNode visible = new Http(port).as("c03-staff").get("/engine-rest/filter?resourceType=Task&maxResults=100").json();
        assertThat(visible).hasSize(5);
        for (JsonNode filter : visible) {
            assertThat(filter.path("query").path("sorting").size()).as(filter.path("name").asText()).isZero();
        }
    }

    @Test
    void dueSoonMeansWithinOneWorkingDayAndOverdueMeansPastDue() {
        deploymentId = repositoryService.createDeployment()
                .addClasspathResource("test-processes/c03-task.bpmn").name("filter-probe").deploy().getId();
        // Friday 2026-09-25 10:00 is 中秋: the next working day after Thursday 09-24 is Monday 09-28.
        Date thursday = Date.from(ZonedDateTime.parse("2026-09-24T10:00:00+08:00").toInstant());
        ClockUtil.setCurrentTime(thursday);
        Task dueMonday = newTaskDue("2026-09-28T17:00:00+08:00");
        Task dueTuesday = newTaskDue("2026-09-29T17:00:00+08:00");
        Task dueYesterday = newTaskDue("2026-09-23T17:00:00+08:00");
        filters.refreshTimeWindows();

        assertThat(taskIds("即将到期")).contains(dueMonday.getId()).doesNotContain(dueTuesday.getId(), dueYesterday.getId());
        assertThat(taskIds("已超期")).contains(dueYesterday.getId()).doesNotContain(dueMonday.getId(), dueTuesday.getId());
        assertThat(taskIds("本组待办")).contains(dueMonday.getId(), dueTuesday.getId(), dueYesterday.getId());

        taskService.claim(dueMonday.getId(), "c03-staff");
        assertThat(taskIds("我的待办")).contains(dueMonday.getId()).doesNotContain(dueTuesday.getId(), dueYesterday.getId());
        assertThat(taskIds("本组待办")).doesNotContain(dueMonday.getId());
    }

    private Task newTaskDue(String due) {
        String instanceId = runtimeService.startProcessInstanceByKey("authorizationProbe").getId();
        Task task = taskService.createTaskQuery().processInstanceId(instanceId).singleResult();
        task.setDueDate(Date.from(ZonedDateTime.parse(due).toInstant()));
        taskService.saveTask(task);
        return task;
    }

    private List<String> taskIds(String filterName) {
        Http http = new Http(port).as("c03-staff");
        String filterId = null;
        for (JsonNode f : http.get("/engine-rest/filter?resourceType=Task&maxResults=100").json()) {
            if (f.path("name").asText().equals(filterName)) {
                filterId = f.path("id").asText();
            }
        }
        List<String> ids = new ArrayList<>();
        // Narrowed to the probe process: other tests' tasks share the database.
        http.postJson("/engine-rest/filter/" + filterId + "/list?maxResults=500",
                java.util.Map.of("processDefinitionKey", "authorizationProbe")).json()
                .forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }
}
