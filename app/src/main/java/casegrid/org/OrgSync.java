package casegrid.org;

import static casegrid.security.Groups.*;

import casegrid.access.AccessPolicy;
import casegrid.config.StartupLock;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Derives Camunda's groups, authorizations, users and memberships from the organisation tables
 * (street ... department, person, person_group; see OrgData). Runs at every start and after every
 * import (OrgImport), and changes only what differs, so a restart creates no duplicates; a PostgreSQL
 * advisory lock keeps two nodes starting together from racing each other. A person's memberships are
 * exactly their person_group rows (none when disabled); accounts outside the person table (the admin
 * of a prod start) are left alone. Passwords are set only when an account is created, from the
 * initial passwords the caller hands over (docs/organisation.md); they are never stored elsewhere.
 */
@Component
public class OrgSync {

    public static final String ADMIN_USER = "admin";
    private static final Logger log = LoggerFactory.getLogger(OrgSync.class);
    /** Process keys whose instances intake roles may start. */
    static final List<String> INTAKE_PROCESSES = List.of("riskItem");

    private final AccessPolicy policy;
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final JdbcClient jdbc;
    private final boolean demo;
    private final String adminPassword;

    public OrgSync(AccessPolicy policy, IdentityService identityService, AuthorizationService authorizationService,
                   JdbcClient jdbc, @Value("${casegrid.demo.enabled}") boolean demo,
                   @Value("${casegrid.admin.password:}") String adminPassword) {
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
        synchronise(Map.of());
    }

    /**
     * Brings Camunda in line with the tables. {@code initialPasswords}: user id → the password a person's
     * account gets if it must be created now (or re-enabled); an account created without one gets a random
     * password nobody knows, and the log says so.
     */
    @Transactional
    public void synchronise(Map<String, String> initialPasswords) {
        StartupLock.acquire(jdbc);
        OrgData org = OrgData.read(jdbc);
        Map<String, String> groups = org.groups();
        groups.forEach((id, name) -> ensureGroup(id, name, CAMUNDA_ADMIN.equals(id) ? "SYSTEM" : "WORKFLOW"));
        grantAuthorizations(groups.keySet());
        retireDefaultProviderGrants();
        ensureUser(ADMIN_USER, "系统", "管理员", adminPassword, List.of(CAMUNDA_ADMIN));
        int people = syncPeople(org, groups.keySet(), initialPasswords);
        log.info("Organisation synchronised: {} streets, {} groups, {} people", org.streets().size(), groups.size(), people);
    }

    /** Group id → Chinese name, all derived from the organisation tables. */
    Map<String, String> groups() {
        return OrgData.read(jdbc).groups();
    }

    /** Creates missing accounts, renames changed ones and sets each person's memberships to their person_group rows. */
    private int syncPeople(OrgData org, Set<String> groups, Map<String, String> initialPasswords) {
        Map<String, Set<String>> memberships = new HashMap<>();
        jdbc.sql("select user_id_, group_id_ from act_id_membership").query((RowCallbackHandler) rs ->
                memberships.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2)));
        record Name(String first, String last) {}
        Map<String, Name> accounts = new HashMap<>();
        jdbc.sql("select id_, first_, last_ from act_id_user")
                .query((RowCallbackHandler) rs -> accounts.put(rs.getString(1), new Name(rs.getString(2), rs.getString(3))));
        for (OrgData.Person person : org.people()) {
            String id = person.userId();
            if (!accounts.containsKey(id)) {
                String password = initialPasswords.get(id);
                if (password == null) {
                    password = unknowablePassword();
                    log.warn("Account {} created without an initial password: an administrator must set one", id);
                }
                User user = identityService.newUser(id);
                name(user, person);
                user.setPassword(password);
                identityService.saveUser(user);
            } else {
                // also corrects an account a former sync left with a null last name
                if (!new Name(person.name(), "").equals(accounts.get(id))) {
                    User user = identityService.createUserQuery().userId(id).singleResult();
                    name(user, person);
                    identityService.saveUser(user);
                }
                if (person.active() && initialPasswords.containsKey(id)) {
                    // re-enabled: the account was locked with a random password when it was disabled
                    User user = identityService.createUserQuery().userId(id).singleResult();
                    user.setPassword(initialPasswords.get(id));
                    identityService.saveUser(user);
                }
            }
            Set<String> wanted = person.active() ? person.groups() : Set.of();
            Set<String> held = memberships.getOrDefault(id, Set.of());
            for (String group : wanted) {
                if (!held.contains(group) && groups.contains(group)) {
                    identityService.createMembership(id, group);
                }
            }
            for (String group : held) {
                if (!wanted.contains(group)) {
                    identityService.deleteMembership(id, group);
                }
            }
        }
        return org.people().size();
    }

    /**
     * Camunda's screens print {@code firstName + " " + lastName}, and a null last name as "null". A Chinese name
     * has no space to split at, and guessing the family name fails on compound ones (欧阳) and on the role names
     * the demo street uses (福泰社区工作人员): the whole printed name is the first name, the last name empty.
     */
    private static void name(User user, OrgData.Person person) {
        user.setFirstName(person.name());
        user.setLastName("");
    }

    /** The name to show for an account: first and last name as written (no space between), else its id. */
    public static String printedName(User user) {
        String name = (Objects.toString(user.getFirstName(), "") + Objects.toString(user.getLastName(), "")).trim();
        return name.isEmpty() ? user.getId() : name;
    }

    /** A password nobody is told: what a disabled account, or one created without an initial password, gets. */
    static String unknowablePassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

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
        Group group = identityService.createGroupQuery().groupId(id).singleResult();
        if (group == null) {
            group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        } else if (!name.equals(group.getName())) {
            group.setName(name);
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
}
