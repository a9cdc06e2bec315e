package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The authorization table of docs/security.md is the database's: every group grant in
 * ACT_RU_AUTHORIZATION is in the table, and every row of the table is granted to every group it
 * names. Grants on one running task (candidate groups) are the engine's own and described apart.
 */
@CasegridTest
class AuthorizationTableTest {

    static final Path DOC = Path.of("../docs/security.md");
    static final String SECTION = "## Authorizations";
    static final String EVERY_RESOURCE = "*";
    /** The resource id of the grant Camunda gives a new group's members on the group itself. */
    static final String OWN_GROUP = "(the group itself)";
    /**
     * The groups of a street added after the demo one (docs/streets.md): documented for every street, but
     * present only in an installation (or a test run) that has a second street.
     */
    static final Set<String> OTHER_STREETS = Set.of("street-center-*", "street-leaders-*");

    @Autowired JdbcClient jdbc;
    @Autowired IdentityService identityService;
    @Autowired FilterService filterService;

    /** One grant: a group (or group pattern in the doc), a resource type, a resource id and the permissions. */
    record Grant(String group, String resource, String resourceId, Set<String> permissions) {
        @Override
        public String toString() {
            return "| " + group + " | " + resource + " | " + resourceId + " | " + String.join(", ", permissions) + " |";
        }
    }

    @Test
    void everyGroupGrantInTheDatabaseIsInTheTableAndEveryRowIsGranted() throws IOException {
        List<Grant> documented = documentedGrants();
        List<Grant> granted = groupGrantsInTheDatabase();
        assertThat(documented).as("the table in %s", DOC).isNotEmpty();

        List<Grant> undocumented = granted.stream()
                .filter(g -> documented.stream().noneMatch(d -> matches(d.group(), g.group()) && d.resource().equals(g.resource())
                        && d.resourceId().equals(g.resourceId()) && d.permissions().equals(g.permissions())))
                .toList();
        assertThat(undocumented).as("granted in the database but not in docs/security.md").isEmpty();

        List<String> groups = identityService.createGroupQuery().list().stream().map(Group::getId).toList();
        List<String> notGranted = new ArrayList<>();
        for (Grant row : documented) {
            List<String> named = groups.stream().filter(g -> matches(row.group(), g)).toList();
            if (named.isEmpty() && !OTHER_STREETS.contains(row.group())) {
                notGranted.add(row + " (no such group)");
            }
            for (String group : named) {
                Grant expected = new Grant(group, row.resource(), row.resourceId(), row.permissions());
                if (!granted.contains(expected)) {
                    notGranted.add(expected.toString());
                }
            }
        }
        assertThat(notGranted).as("in docs/security.md but not granted in the database").isEmpty();
    }

    /** The rows of the one table under "## Authorizations", each cell's lists expanded. */
    static List<Grant> documentedGrants() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf(SECTION);
        assertThat(start).as("%s has a section %s", DOC, SECTION).isNotNegative();
        List<Grant> grants = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| Group ")) {
                continue;
            }
            String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|");
            assertThat(cells).as("four cells in %s", line).hasSize(4);
            Set<String> permissions = new TreeSet<>(list(cells[3]));
            for (String group : list(cells[0])) {
                for (String resource : resources(cells[1].trim())) {
                    for (String resourceId : list(cells[2])) {
                        grants.add(new Grant(group, resource, resourceId, permissions));
                    }
                }
            }
        }
        return grants;
    }

    private static List<String> resources(String cell) {
        return EVERY_RESOURCE.equals(cell) ? Arrays.stream(Resources.values()).map(Enum::name).toList() : List.of(cell);
    }

    private static List<String> list(String cell) {
        return Arrays.stream(cell.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A documented group matches itself, or with {@code *} standing for one code without dashes. */
    static boolean matches(String documented, String group) {
        String regex = Arrays.stream(documented.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining("[A-Za-z0-9]+"));
        return group.matches(regex);
    }

    /** Group GRANT rows, read from the table itself; a shared Tasklist filter is named by its name. */
    List<Grant> groupGrantsInTheDatabase() {
        Map<String, String> filterNames = filterService.createFilterQuery().list().stream()
                .filter(f -> f.getOwner() == null).collect(Collectors.toMap(Filter::getId, Filter::getName));
        return jdbc.sql("""
                        select group_id_, resource_type_, resource_id_, perms_ from act_ru_authorization
                        where type_ = ? and group_id_ is not null""")
                .param(Authorization.AUTH_TYPE_GRANT)
                .query((rs, i) -> {
                    int type = rs.getInt("resource_type_");
                    String resource = Arrays.stream(Resources.values()).filter(r -> r.resourceType() == type)
                            .map(Enum::name).findFirst().orElse(String.valueOf(type));
                    String id = rs.getString("resource_id_");
                    String group = rs.getString("group_id_");
                    if (type == Resources.FILTER.resourceType()) {
                        id = filterNames.getOrDefault(id, id);
                    } else if (type == Resources.GROUP.resourceType() && group.equals(id)) {
                        id = OWN_GROUP;
                    }
                    return new Grant(group, resource, id, permissionNames(type, rs.getInt("perms_")));
                })
                .list().stream()
                // A running task's candidate groups: the engine's own grant, described apart.
                .filter(g -> !(g.resource().equals(Resources.TASK.name()) && !g.resourceId().equals("*")))
                .toList();
    }

    private static Set<String> permissionNames(int resourceType, int bits) {
        if (bits == Permissions.ALL.getValue()) {
            return new TreeSet<>(Set.of(Permissions.ALL.getName()));
        }
        Set<String> names = new TreeSet<>();
        for (Permission permission : ResourceTypeUtil.getPermissionsByResourceType(resourceType)) {
            int value = permission.getValue();
            if (value != 0 && value != Permissions.ALL.getValue() && (bits & value) == value) {
                names.add(permission.getName());
            }
        }
        return names;
    }
}
