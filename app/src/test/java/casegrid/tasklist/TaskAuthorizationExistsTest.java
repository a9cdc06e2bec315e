package casegrid.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The task query's rewritten authorization check ({@link TaskAuthorizationExists}) is exactly as
 * restrictive as the engine's own: for every kind of casegrid user, Tasklist's filters and the task
 * API return the same tasks with the rewrite as without it, and a community caseworker's 本组待办 is
 * exactly the unclaimed tasks offered to her staff group.
 */
@CasegridTest
class TaskAuthorizationExistsTest {

    /** One of each kind: community staff of two communities, a community leader, a grid worker, the street center,
     *  a department, a supervision group, a designer and the administrator. */
    static final List<String> USERS = List.of("c03-staff", "c07-staff", "c03-leader", "c03-grid1", "center1", "justice1",
            "sup1", "designer", "admin");

    @LocalServerPort int port;
    @Autowired IntakeService intake;
    @Autowired org.camunda.bpm.engine.ProcessEngine engine;
    @Autowired TaskService taskService;
    @Autowired FilterService filterService;
    @Autowired IdentityService identityService;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void itemsInThreeCommunitiesOneTaskClaimed() {
        for (String community : List.of("C03", "C03", "C07", "C11")) {
            new Scenario(engine, intake, jdbc).intake(community.toLowerCase() + "-grid1", Scenario.neighbourDispute(community));
        }
        String c03Task = taskService.createTaskQuery().taskCandidateGroup("community-C03-staff").taskUnassigned().list().get(0).getId();
        taskService.claim(c03Task, "c03-staff");
    }

    @Test
    void everyUserSeesTheSameTasksWithTheRewriteAsWithTheEnginesOwnSql() {
        long rewritesBefore = TaskAuthorizationExists.REWRITES.get();
        for (String user : USERS) {
            List<String> paths = new ArrayList<>(List.of("/engine-rest/task?maxResults=2000&sortBy=dueDate&sortOrder=asc",
                    "/engine-rest/task/count", "/engine-rest/task?candidateGroup=community-C03-staff&maxResults=2000",
                    "/engine-rest/task?unassigned=true&maxResults=2000"));
            for (String filter : List.of(TasklistFilters.GROUP_TASKS, TasklistFilters.DUE_SOON, TasklistFilters.OVERDUE,
                    TasklistFilters.HIGH_RISK)) {
                String id = sharedFilter(filter).getId();
                paths.add("/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=2000");
                paths.add("/engine-rest/filter/" + id + "/count");
                // Pages (walked or by task ids), in their order, and Tasklist's HAL page with the filter's variables.
                paths.add(PAGE + "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=15");
                paths.add(PAGE + "/engine-rest/filter/" + id + "/list?firstResult=1&maxResults=2");
                paths.add(HAL + "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=15");
            }
            paths.add(PAGE + "/engine-rest/task?firstResult=1&maxResults=3&sortBy=id&sortOrder=desc");
            paths.add(PAGE + "/engine-rest/task?maxResults=50&candidateGroup=community-C03-staff&sortBy=id&sortOrder=asc");
            for (String path : paths) {
                for (TaskAuthorizationExists.Form page : new TaskAuthorizationExists.Form[] {null,
                        TaskAuthorizationExists.Form.PER_TASK, TaskAuthorizationExists.Form.TASK_IDS}) {
                    TaskAuthorizationExists.PAGE_FORM.set(page);
                    String rewritten;
                    try {
                        rewritten = answer(user, path);
                    } finally {
                        TaskAuthorizationExists.PAGE_FORM.set(null);
                    }
                    TaskAuthorizationExists.ENABLED.set(false);
                    String original;
                    try {
                        original = answer(user, path);
                    } finally {
                        TaskAuthorizationExists.ENABLED.set(true);
                    }
                    assertThat(rewritten).as(user + " " + path + " " + page).isEqualTo(original);
                    if (user.endsWith("-staff")) {
                        assertThat(rewritten).as(user + " " + path).doesNotStartWith("4");
                    }
                }
            }
        }
        assertThat(TaskAuthorizationExists.REWRITES.get()).as("the rewrite applied to the engine's task SQL")
                .isGreaterThan(rewritesBefore + USERS.size());
    }

    @Test
    void aCaseworkersGroupTasksAreExactlyTheUnclaimedTasksOfferedToHerStaffGroup() {
        Set<String> offered = new TreeSet<>(jdbc.sql("""
                select t.id_ from act_ru_task t join act_ru_identitylink i on i.task_id_ = t.id_
                where i.type_ = 'candidate' and i.group_id_ = 'community-C03-staff' and t.assignee_ is null""")
                .query(String.class).list());
        assertThat(offered).hasSizeGreaterThanOrEqualTo(1);
        String id = sharedFilter(TasklistFilters.GROUP_TASKS).getId();
        Http http = new Http(port).as("c03-staff");
        assertThat(ids(http.postJson("/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=2000", Map.of()).json()))
                .isEqualTo(offered);
        assertThat(http.get("/engine-rest/filter/" + id + "/count").json().path("count").asLong()).isEqualTo(offered.size());
        Set<String> c07 = ids(new Http(port).as("c07-staff")
                .postJson("/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=2000", Map.of()).json());
        assertThat(c07).isNotEmpty().doesNotContainAnyElementsOf(offered);
    }

    @Test
    void theRewriteKeepsTheParametersOfTheWithQueryInFrontAndLeavesOtherShapesAlone() {
        Configuration configuration = new Configuration();
        String sql = """
                select distinct RES.ID_ from ACT_RU_TASK RES inner join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
                inner join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2 AND ( A.USER_ID_ in ( ?, '*') OR A.GROUP_ID_ IN ( ? ) )
                AND ( ( A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ? ) ) ) AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))
                WHERE ( 1 = 1 and RES.NAME_ = ? ) and ( (AUTH.RESOURCE_ID_ IS NOT NULL) ) order by RES.DUE_DATE_ asc LIMIT ? OFFSET ?""";
        List<ParameterMapping> parameters = new ArrayList<>();
        for (String name : List.of("user", "group", "type", "perms", "perms2", "name", "limit", "offset")) {
            parameters.add(new ParameterMapping.Builder(configuration, name, Object.class).build());
        }
        var rewritten = TaskAuthorizationExists.rewrite(sql, parameters).orElseThrow();
        assertThat(rewritten.sql()).startsWith("WITH CG_AUTH AS ( SELECT A.RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION A WHERE")
                .contains(TaskAuthorizationExists.membership("")).doesNotContain(" AUTH.").doesNotContain("(AUTH.")
                .doesNotContain("inner join (");
        assertThat(rewritten.parameters()).extracting(ParameterMapping::getProperty)
                .containsExactly("user", "group", "type", "perms", "perms2", "name", "limit", "offset");

        String nameFirst = sql.replace("WHERE ( 1 = 1 and RES.NAME_ = ? )", "WHERE ( 1 = 1 )")
                .replace("from ACT_RU_TASK RES", "from ACT_RU_TASK RES left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = ?");
        var reordered = TaskAuthorizationExists.rewrite(nameFirst, parameters).orElseThrow();
        assertThat(reordered.parameters()).extracting(ParameterMapping::getProperty)
                .containsExactly("group", "type", "perms", "perms2", "name", "user", "limit", "offset");

        assertThat(TaskAuthorizationExists.rewrite(sql.replace("inner join ( SELECT A.*", "left join ( SELECT A.*"), parameters))
                .as("CMMN's left join").isEmpty();
        assertThat(TaskAuthorizationExists.rewrite(sql.replace("(AUTH.RESOURCE_ID_ IS NOT NULL)",
                "(AUTH.RESOURCE_ID_ IS NOT NULL) AND AUTH1.RESOURCE_ID_ IS NOT NULL"), parameters)).as("composite checks").isEmpty();
        assertThat(TaskAuthorizationExists.rewrite(sql, parameters.subList(0, 7))).as("parameters that do not add up").isEmpty();

        var page = TaskAuthorizationExists.rewrite(sql, parameters, TaskAuthorizationExists.Form.PER_TASK).orElseThrow();
        assertThat(page.sql()).contains("(" + TaskAuthorizationExists.membershipPerTask() + ")").doesNotContain(" AUTH.");
        assertThat(page.parameters()).isEqualTo(rewritten.parameters());
        assertThat(TaskAuthorizationExists.rewrite(sql, parameters, TaskAuthorizationExists.Form.TASK_IDS).orElseThrow().sql())
                .contains("(RES.ID_ IN (SELECT CG_AUTH.RESOURCE_ID_ FROM CG_AUTH))").doesNotContain("UNION");
    }

    @Test
    void theVariablesOfListedTasksAreCheckedByOneProbePerRowWithTheSubQuerysParametersWhereTheCheckWas() {
        Configuration configuration = new Configuration();
        String sql = """
                select distinct RES.* from ( select RES.* from ACT_RU_VARIABLE RES left join ACT_RU_EXECUTION E on E.ID_ = ?
                left join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2 AND ( A.USER_ID_ in ( ?, '*') OR A.GROUP_ID_ IN ( ? ) ) )
                AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.PROC_INST_ID_ , RES.TASK_ID_ , '*' ))
                WHERE RES.NAME_ in ( ? ) and ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) ) ) RES
                order by RES.ID_ asc LIMIT ? OFFSET ?""";
        List<ParameterMapping> parameters = new ArrayList<>();
        for (String name : List.of("execution", "user", "group", "name", "limit", "offset")) {
            parameters.add(new ParameterMapping.Builder(configuration, name, Object.class).build());
        }
        var rewritten = TaskAuthorizationExists.rewrite(sql, parameters, TaskAuthorizationExists.Form.EXISTS).orElseThrow();
        assertThat(rewritten.sql()).contains("OR (EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE (A.TYPE_ < 2 AND ( A.USER_ID_ in ( ?, '*') "
                        + "OR A.GROUP_ID_ IN ( ? ) ) ) AND A.RESOURCE_ID_ IN (RES.PROC_INST_ID_ , RES.TASK_ID_ , '*')))")
                .doesNotContain("AUTH ON").doesNotContain("AUTH.");
        assertThat(rewritten.parameters()).extracting(ParameterMapping::getProperty)
                .containsExactly("execution", "name", "user", "group", "limit", "offset");
        assertThat(TaskAuthorizationExists.rewrite(sql.replace("select distinct RES.*", "select RES.*"), parameters,
                TaskAuthorizationExists.Form.EXISTS)).as("without DISTINCT the join's duplicate rows are part of the answer").isEmpty();
        assertThat(TaskAuthorizationExists.rewrite(sql, parameters, TaskAuthorizationExists.Form.SEMI_JOIN))
                .as("the task forms need the task join").isEmpty();
    }

    @Test
    void theGroupsHoldingAuthorizationsAreTheSameByTheLooseIndexScan() {
        String engine = "SELECT distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A";
        String loose = TaskAuthorizationExists.authorizedGroups(engine).orElseThrow();
        java.util.Comparator<String> order = java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder());
        List<String> expected = new ArrayList<>(jdbc.sql(engine).query(String.class).list());
        List<String> actual = new ArrayList<>(jdbc.sql(loose).query(String.class).list());
        expected.sort(order);
        actual.sort(order);
        assertThat(expected).as("user rows have no group, group rows several groups").contains((String) null).hasSizeGreaterThan(3);
        assertThat(actual).isEqualTo(expected);
        assertThat(TaskAuthorizationExists.authorizedGroups(engine + " WHERE A.TYPE_ = 1")).isEmpty();
    }

    /** Marks a path whose answer is compared in order (a page), not as a set; pages are sorted to the task id, a total order. */
    static final String PAGE = "page:";
    /** Marks a filter list asked for as Tasklist asks: HAL, with the filter's variables embedded; compared whole. */
    static final String HAL = "hal:";

    String answer(String user, String path) {
        Http http = new Http(port).as(user);
        boolean page = path.startsWith(PAGE);
        boolean hal = path.startsWith(HAL);
        String url = path.replaceFirst("^(" + PAGE + "|" + HAL + ")", "");
        if (hal) {
            http = http.header("Accept", "application/hal+json");
        }
        Http.Response response = url.contains("/list") ? http.postJson(url, Map.of("sorting",
                List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc"), Map.of("sortBy", "id", "sortOrder", "asc")))) : http.get(url);
        if (response.status() != 200) {
            return response.status() + " " + response.body(); // e.g. a designer may not read Tasklist's filters
        }
        JsonNode json = response.json();
        if (page) {
            List<String> inOrder = new ArrayList<>();
            json.forEach(t -> inOrder.add(t.path("id").asText()));
            return inOrder.toString();
        }
        return json.isArray() ? ids(json).toString() : json.toString();
    }

    static Set<String> ids(JsonNode tasks) {
        Set<String> ids = new TreeSet<>();
        tasks.forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    Filter sharedFilter(String name) {
        return filterService.createFilterQuery().filterName(name).list().stream().filter(f -> f.getOwner() == null)
                .findFirst().orElseThrow();
    }

    List<String> groups(String user) {
        return identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }
}
