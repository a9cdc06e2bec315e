package casegrid.tasklist;

import static casegrid.security.Groups.*;

import casegrid.config.StartupLock;
import casegrid.deadline.WorkingCalendar;
import casegrid.org.Office;
import casegrid.org.OrgSync;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Tasklist filters every caseworker starts from. Stored-query expressions are switched off
 * (an EL expression in a saved filter is code anyone with filter rights could plant), so nothing
 * may say {@code ${currentUser()}} or {@code ${now()}}: 我的待办 is one personal filter per user,
 * 本组待办 relies on the engine's task authorizations (a user reads the tasks of their groups),
 * and the two time windows are moved on by a scheduled refresh.
 */
@Component
public class TasklistFilters {

    public static final String MY_TASKS = "我的待办";
    public static final String GROUP_TASKS = "本组待办";
    public static final String DUE_SOON = "即将到期";
    public static final String OVERDUE = "已超期";
    public static final String HIGH_RISK = "高风险";

    private final FilterService filterService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final WorkingCalendar calendar;
    private final JdbcClient jdbc;

    public TasklistFilters(FilterService filterService, TaskService taskService, IdentityService identityService,
                           AuthorizationService authorizationService, WorkingCalendar calendar, JdbcClient jdbc) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.calendar = calendar;
        this.jdbc = jdbc;
    }

    @Transactional
    public void synchronise() {
        StartupLock.acquire(jdbc);
        List<String> caseworkerGroups = identityService.createGroupQuery().list().stream()
                .map(Group::getId).filter(id -> !CAMUNDA_ADMIN.equals(id) && !PROCESS_DESIGNERS.equals(id) && !PLATFORM.equals(id)).toList();
        Date now = ClockUtil.getCurrentTime();
        ensureShared(GROUP_TASKS, 10, "本组尚未认领的任务", taskService.createTaskQuery().taskUnassigned(), caseworkerGroups);
        ensureShared(DUE_SOON, 20, "一个工作日内到期的任务", dueSoonQuery(now), caseworkerGroups);
        ensureShared(OVERDUE, 30, "已过办理期限的任务", overdueQuery(now), caseworkerGroups);
        ensureShared(HIGH_RISK, 40, "高风险事项的任务",
                taskService.createTaskQuery().processVariableValueEquals("riskLevel", "HIGH"), caseworkerGroups);
        for (User user : identityService.createUserQuery().list()) {
            if (!OrgSync.ADMIN_USER.equals(user.getId())) {
                ensurePersonal(user.getId());
            }
        }
    }

    /** Moves the time windows of 即将到期 and 已超期 on to the current time. */
    @Scheduled(fixedDelayString = "${casegrid.tasklist.filter-refresh}", initialDelayString = "${casegrid.tasklist.filter-refresh}")
    @Transactional
    public void refreshTimeWindows() {
        Date now = ClockUtil.getCurrentTime();
        update(DUE_SOON, dueSoonQuery(now));
        update(OVERDUE, overdueQuery(now));
    }

    private TaskQuery dueSoonQuery(Date now) {
        LocalDate today = now.toInstant().atZone(Office.ZONE).toLocalDate();
        ZonedDateTime endOfNextWorkingDay = calendar.plusWorkingDays(today, 1).plusDays(1)
                .atStartOfDay(Office.ZONE);
        return taskService.createTaskQuery().dueAfter(now).dueBefore(Date.from(endOfNextWorkingDay.toInstant()));
    }

    private TaskQuery overdueQuery(Date now) {
        return taskService.createTaskQuery().dueBefore(now);
    }

    /**
     * Filters store no sort order: Tasklist appends the order a user picks (到期日, 优先级, …) after the
     * filter's own, so a stored order would always win and the user's choice would change nothing.
     * Earlier versions stored "due date, then priority": removed from their filters at start.
     */
    private void withoutStoredOrder(Filter filter) {
        if (filter.getQuery() instanceof ListQueryParameterObject query && query.getOrderingProperties() != null
                && !query.getOrderingProperties().isEmpty()) {
            query.setOrderingProperties(new ArrayList<>());
            filter.setQuery(filter.getQuery());
            filterService.saveFilter(filter);
        }
    }

    private void update(String name, TaskQuery query) {
        Filter filter = sharedFilter(name);
        if (filter != null) {
            filter.setQuery(query);
            filterService.saveFilter(filter);
        }
    }

    private void ensureShared(String name, int priority, String description, TaskQuery query, List<String> groups) {
        Filter filter = sharedFilter(name);
        if (filter == null) {
            filter = filterService.newTaskFilter(name);
            filter.setProperties(properties(priority, description));
            filter.setQuery(query);
            filter = filterService.saveFilter(filter);
        } else {
            updateColumns(filter);
            withoutStoredOrder(filter);
        }
        for (String group : groups) {
            grantRead(filter.getId(), group, null);
        }
    }

    private void ensurePersonal(String userId) {
        Filter existing = filterService.createFilterQuery().filterName(MY_TASKS).filterOwner(userId).list()
                .stream().findFirst().orElse(null);
        if (existing != null) {
            updateColumns(existing);
            withoutStoredOrder(existing);
        } else {
            Filter filter = filterService.newTaskFilter(MY_TASKS);
            filter.setOwner(userId);
            filter.setProperties(properties(0, "已由我认领的任务"));
            filter.setQuery(taskService.createTaskQuery().taskAssignee(userId));
            filter = filterService.saveFilter(filter);
            grantRead(filter.getId(), null, userId);
        }
    }

    /** A database from an earlier version gets the current columns; everything else of the filter stays. */
    private void updateColumns(Filter filter) {
        Map<String, Object> properties = new LinkedHashMap<>(filter.getProperties());
        if (!COLUMNS.equals(properties.get("variables"))) {
            properties.put("variables", COLUMNS);
            filter.setProperties(properties);
            filterService.saveFilter(filter);
        }
    }

    private Filter sharedFilter(String name) {
        return filterService.createFilterQuery().filterName(name).list().stream()
                .filter(f -> f.getOwner() == null).findFirst().orElse(null);
    }

    private void grantRead(String filterId, String groupId, String userId) {
        var query = authorizationService.createAuthorizationQuery().resourceType(Resources.FILTER).resourceId(filterId);
        long existing = groupId != null ? query.groupIdIn(groupId).count() : query.userIdIn(userId).count();
        if (existing == 0) {
            Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setResource(Resources.FILTER);
            authorization.setResourceId(filterId);
            authorization.addPermission(Permissions.READ);
            if (groupId != null) {
                authorization.setGroupId(groupId);
            } else {
                authorization.setUserId(userId);
            }
            authorizationService.saveAuthorization(authorization);
        }
    }

    /** The item columns: see {@link TaskColumns}. */
    static final List<Map<String, String>> COLUMNS = TaskColumns.DEFINITIONS;

    /** Tasklist reads these: order in the list, a tooltip, auto-refresh, and the item columns. */
    private static Map<String, Object> properties(int priority, String description) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("priority", priority);
        properties.put("description", description);
        properties.put("refresh", true);
        properties.put("showUndefinedVariable", false);
        properties.put("variables", COLUMNS);
        return properties;
    }
}
