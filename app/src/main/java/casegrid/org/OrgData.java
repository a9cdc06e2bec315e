package casegrid.org;

import static casegrid.security.Groups.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One organisation: streets, supervision groups, communities, grids, departments and people, as the
 * tables hold it (read) or as an imported file describes it. The Camunda groups are derived from it
 * in one place ({@link #groups()}), for OrgSync and for the import's checks alike.
 */
public record OrgData(List<Street> streets, List<Supervision> supervisions, List<Community> communities,
                      List<Grid> grids, List<Department> departments, List<Person> people) {

    public record Street(String code, String name, String numberPrefix, String centerGroup, String leadersGroup) {
    }

    public record Supervision(String code, String name, String street) {
    }

    public record Community(String code, String name, String street, String supervisionGroup) {
    }

    public record Grid(String code, String name, String community) {
    }

    public record Department(String code, String name, String street) {
    }

    /** A person: account, printed name, group ids (units and roles), contacts; inactive = disabled. */
    public record Person(String userId, String name, Set<String> groups, String phone, String email, boolean active) {
    }

    /** The groups every installation has, whatever its streets: group id → name. */
    public static final Map<String, String> FIXED_GROUPS = fixed();

    private static Map<String, String> fixed() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(CAMUNDA_ADMIN, "系统管理员");
        groups.put(PROCESS_DESIGNERS, "流程设计人员");
        groups.put(GRID_WORKERS, "网格员");
        groups.put(DISTRICT_MEETING, OrgDirectory.BODIES.get(DISTRICT_MEETING));
        groups.put(PLATFORM, "市矛盾纠纷多元化解平台（接口账号）");
        return java.util.Collections.unmodifiableMap(groups);
    }

    /** Every Camunda group of this organisation: id → name (the fixed ones, then each street's). */
    public Map<String, String> groups() {
        Map<String, String> groups = new LinkedHashMap<>(FIXED_GROUPS);
        for (Street s : streets) {
            groups.putAll(streetGroups(s.code()));
        }
        return groups;
    }

    /** The groups of one street: its centre and leaders, its communities' three groups, departments, supervision groups. */
    public Map<String, String> streetGroups(String street) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (Street s : streets) {
            if (s.code().equals(street)) {
                groups.put(s.centerGroup(), s.name() + "综治中心");
                groups.put(s.leadersGroup(), s.name() + "领导");
            }
        }
        for (Community c : communities) {
            if (c.street().equals(street)) {
                groups.put(community(c.code()), c.name());
                groups.put(communityStaff(c.code()), c.name() + "工作人员");
                groups.put(communityLeaders(c.code()), c.name() + "领导");
            }
        }
        departments.stream().filter(d -> d.street().equals(street)).forEach(d -> groups.put(d.code(), d.name()));
        supervisions.stream().filter(s -> s.street().equals(street)).forEach(s -> groups.put(s.code(), s.name()));
        return groups;
    }

    /** The organisation in the tables, people included (person, person_group, person_contact). */
    public static OrgData read(JdbcClient jdbc) {
        List<Street> streets = jdbc.sql("select code, name, number_prefix, center_group, leaders_group from street order by code")
                .query(Street.class).list();
        List<Supervision> supervisions = jdbc.sql("select code, name, street_code as street from supervision_group order by code")
                .query(Supervision.class).list();
        List<Community> communities = jdbc.sql("select code, name, street_code as street, supervision_group from community order by code")
                .query(Community.class).list();
        List<Grid> grids = jdbc.sql("select code, name, community_code as community from grid order by code").query(Grid.class).list();
        List<Department> departments = jdbc.sql("select code, name, street_code as street from department order by code")
                .query(Department.class).list();
        Map<String, Set<String>> groupsOf = new LinkedHashMap<>();
        jdbc.sql("select user_id, group_id from person_group order by user_id, group_id").query((RowCallbackHandler) rs ->
                groupsOf.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2)));
        List<Person> people = new ArrayList<>();
        jdbc.sql("select p.user_id, p.name, p.active, c.phone, c.email from person p"
                        + " left join person_contact c on c.user_id = p.user_id order by p.user_id")
                .query((RowCallbackHandler) rs -> people.add(new Person(rs.getString(1), rs.getString(2),
                        groupsOf.getOrDefault(rs.getString(1), new LinkedHashSet<>()), rs.getString(4), rs.getString(5),
                        rs.getBoolean(3))));
        return new OrgData(streets, supervisions, communities, grids, departments, people);
    }
}
