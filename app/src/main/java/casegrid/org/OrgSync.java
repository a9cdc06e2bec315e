package casegrid.org;

import static casegrid.security.Groups.*;

import casegrid.access.AccessPolicy;
import casegrid.config.StartupLock;
import casegrid.org.OrgDirectory.Community;
import casegrid.org.OrgDirectory.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Derives Camunda's groups and authorizations from the organisation tables, and (demo profile
 * only) the demo accounts of CONTRACT.md. Runs at every start and changes only what is missing,
 * so a restart creates no duplicates; a PostgreSQL advisory lock keeps two nodes starting
 * together from racing each other.
 */
@Component
public class OrgSync {

    public static final String ADMIN_USER = "admin";
    private static final Logger log = LoggerFactory.getLogger(OrgSync.class);
    /** Process keys whose instances intake roles may start. */
    static final List<String> INTAKE_PROCESSES = List.of("riskItem");

    private final OrgDirectory directory;
    private final AccessPolicy policy;
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final JdbcClient jdbc;
    private final boolean demo;
    private final String adminPassword;

    public OrgSync(OrgDirectory directory, AccessPolicy policy, IdentityService identityService, AuthorizationService authorizationService,
                   JdbcClient jdbc, @Value("${casegrid.demo.enabled}") boolean demo,
                   @Value("${casegrid.admin.password:}") String adminPassword) {
        this.directory = directory;
        this.policy = policy;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.jdbc = jdbc;
        this.demo = demo;
        this.adminPassword = adminPassword;
        if (!demo && (adminPassword == null || adminPassword.isBlank())) {
            throw new IllegalStateException("CASEGRID_ADMIN_PASSWORD must be set: the prod profile loads no demo "
                    + "accounts and will not create the admin account without a password.");
        }
    }

    @Transactional
    public void synchronise() {
        StartupLock.acquire(jdbc);
        Map<String, String> groups = groups();
        groups.forEach((id, name) -> ensureGroup(id, name, CAMUNDA_ADMIN.equals(id) ? "SYSTEM" : "WORKFLOW"));
        grantAuthorizations(groups.keySet());
        retireDefaultProviderGrants();
        ensureUser(ADMIN_USER, "系统", "管理员", adminPassword, List.of(CAMUNDA_ADMIN));
        if (demo) {
            demoUsers().forEach(u -> ensureUser(u.id(), u.firstName(), u.lastName(), u.id(), u.groups()));
        }
        log.info("Organisation synchronised: {} groups{}", groups.size(), demo ? ", demo accounts loaded" : "");
    }

    /** Group id → Chinese name, all derived from the organisation tables. */
    Map<String, String> groups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(CAMUNDA_ADMIN, "系统管理员");
        groups.put(PROCESS_DESIGNERS, "流程设计人员");
        // Every street its own centre and leaders (street.center_group, .leaders_group; docs/streets.md).
        for (OrgDirectory.Street s : directory.streets()) {
            groups.put(s.centerGroup(), s.name() + "综治中心");
            groups.put(s.leadersGroup(), s.name() + "领导");
        }
        groups.put(GRID_WORKERS, "网格员");
        groups.put(DISTRICT_MEETING, OrgDirectory.BODIES.get(DISTRICT_MEETING));
        for (Community c : directory.communities()) {
            groups.put(community(c.code()), c.name());
            groups.put(communityStaff(c.code()), c.name() + "工作人员");
            groups.put(communityLeaders(c.code()), c.name() + "领导");
        }
        directory.departments().forEach(d -> groups.put(d.code(), d.name()));
        directory.supervisionGroups().forEach(s -> groups.put(s.code(), s.name()));
        groups.put(PLATFORM, "市矛盾纠纷多元化解平台（接口账号）");
        return groups;
    }

    private void grantAuthorizations(Iterable<String> groupIds) {
        for (Resources resource : Resources.values()) {
            grant(CAMUNDA_ADMIN, resource, "*", Permissions.ALL);
        }
        for (String group : groupIds) {
            if (CAMUNDA_ADMIN.equals(group)) {
                continue;
            }
            // The platform's service account only registers work orders: no Tasklist, no directory.
            if (!PLATFORM.equals(group)) {
                grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
                // Lets Tasklist show who holds a task and which group it waits for.
                grant(group, Resources.USER, "*", Permissions.READ);
                grant(group, Resources.GROUP, "*", Permissions.READ);
            }
            if (policy.mayRegisterItems(group)) {
                for (String process : INTAKE_PROCESSES) {
                    grant(group, Resources.PROCESS_DEFINITION, process, Permissions.READ, Permissions.CREATE_INSTANCE);
                }
                grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
            }
        }
        // Designers deploy and may plan a migration (it reads definitions only). They get no
        // MIGRATE_INSTANCE and no read of running instances (parties' data): camunda-admin executes
        // migrations (docs/deploying-models.md, section 5).
        grant(PROCESS_DESIGNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(PROCESS_DESIGNERS, Resources.DEPLOYMENT, "*", Permissions.CREATE, Permissions.READ);
        grant(PROCESS_DESIGNERS, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
        grant(PROCESS_DESIGNERS, Resources.DECISION_DEFINITION, "*", Permissions.READ);
        grant(PROCESS_DESIGNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
    }

    /**
     * Grants that Camunda's default provider made before casegrid replaced it (see
     * casegrid.security.CasegridAuthorizationProvider): ALL on a deployment for whoever deployed it,
     * and UPDATE on an open task for its candidates and assignee. An upgraded database then follows
     * docs/security.md for what exists already, not only for new deployments and tasks.
     */
    private void retireDefaultProviderGrants() {
        for (Authorization owner : authorizationService.createAuthorizationQuery().resourceType(Resources.DEPLOYMENT).list()) {
            if (!Authorization.ANY.equals(owner.getResourceId())) {
                authorizationService.deleteAuthorization(owner.getId());
            }
        }
        for (Authorization task : authorizationService.createAuthorizationQuery().resourceType(Resources.TASK)
                .hasPermission(Permissions.UPDATE).list()) {
            if (!Authorization.ANY.equals(task.getResourceId())) {
                task.removePermission(Permissions.UPDATE);
                task.addPermission(Permissions.TASK_WORK);
                authorizationService.saveAuthorization(task);
            }
        }
    }

    /** Adds the permissions to the group's grant on the resource, creating it if missing. */
    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing;
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = existing == null;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(authorization);
        }
    }

    private void ensureGroup(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).singleResult() == null) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        }
    }

    private void ensureUser(String id, String firstName, String lastName, String password, List<String> groupIds) {
        if (identityService.createUserQuery().userId(id).singleResult() == null) {
            User user = identityService.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setPassword(password);
            identityService.saveUser(user);
        }
        for (String groupId : groupIds) {
            if (identityService.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
                identityService.createMembership(id, groupId);
            }
        }
    }

    record DemoUser(String id, String firstName, String lastName, List<String> groups) {
    }

    /** The demo accounts of CONTRACT.md, derived from the organisation; password = user id. */
    List<DemoUser> demoUsers() {
        List<DemoUser> users = new ArrayList<>();
        users.add(new DemoUser("designer", "流程", "设计员", List.of(PROCESS_DESIGNERS)));
        for (int i = 1; i <= 2; i++) {
            users.add(new DemoUser("center" + i, "综治中心", "工作人员" + i, List.of(STREET_CENTER)));
            users.add(new DemoUser("leader" + i, "街道", "领导" + i, List.of(STREET_LEADERS)));
        }
        for (Community c : directory.communities()) {
            String prefix = c.code().toLowerCase();
            // Staff keep the community's area group (CONTRACT.md) and work its cases through the staff group.
            users.add(new DemoUser(prefix + "-staff", c.name(), "工作人员",
                    List.of(community(c.code()), communityStaff(c.code()))));
            users.add(new DemoUser(prefix + "-leader", c.name(), "书记", List.of(communityLeaders(c.code()))));
            for (int g = 1; g <= 2; g++) {
                users.add(new DemoUser(prefix + "-grid" + g, c.name(), "网格员" + g,
                        List.of(GRID_WORKERS, community(c.code()))));
            }
        }
        for (Unit d : directory.departments()) {
            users.add(new DemoUser(d.code().substring(DEPARTMENT_PREFIX.length()) + "1", d.name(), "联络员",
                    List.of(d.code())));
        }
        for (Unit s : directory.supervisionGroups()) {
            users.add(new DemoUser("sup" + s.code().substring(SUPERVISION_PREFIX.length()), s.name(), "组长",
                    List.of(s.code())));
        }
        users.add(new DemoUser("district1", "区级联席会议", "联络员", List.of(DISTRICT_MEETING)));
        users.add(new DemoUser("platform1", "市平台", "接口账号", List.of(PLATFORM)));
        return users;
    }
}
