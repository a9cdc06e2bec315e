package casegrid.org;

import casegrid.security.Groups;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the organisation (street, communities, grids, departments, supervision groups) from the app's tables. */
@Component
public class OrgDirectory {

    public record Community(String code, String name, String supervisionGroup) {
    }

    public record Unit(String code, String name) {
    }

    public record Grid(String code, String name, String communityCode) {
    }

    /** A street: its number prefix and the groups of its centre (综治中心) and leaders. */
    public record Street(String code, String name, String numberPrefix, String centerGroup, String leadersGroup) {
    }

    /** The street's and the district's own bodies, which have no table: group id → the name printed for them. */
    public static final Map<String, String> BODIES = Map.of(Groups.STREET_CENTER, "街道综治中心",
            Groups.STREET_LEADERS, "街道领导", Groups.DISTRICT_MEETING, "区级联席会议");

    private final JdbcClient jdbc;

    public OrgDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String streetName() {
        return jdbc.sql("select name from street order by code limit 1").query(String.class).single();
    }

    public List<Street> streets() {
        return jdbc.sql("select code, name, number_prefix, center_group, leaders_group from street order by code")
                .query(Street.class).list();
    }

    /** The street of a community (community.street_code is the one owner of an item's street). */
    public Optional<Street> streetOfCommunity(String community) {
        return jdbc.sql("""
                select s.code, s.name, s.number_prefix, s.center_group, s.leaders_group
                from street s join community c on c.street_code = s.code where c.code = ?""")
                .param(community).query(Street.class).optional();
    }

    /** A street with the codes of its communities and departments (what access needs, AccessConfig). */
    public record StreetMembers(String code, String centerGroup, String leadersGroup, List<String> communities,
                                List<String> departments) {
    }

    /** Every street with its communities and departments, in one statement (it runs for every request). */
    public List<StreetMembers> streetMembers() {
        return jdbc.sql("""
                select s.code, s.center_group, s.leaders_group,
                    coalesce((select string_agg(c.code, ',') from community c where c.street_code = s.code), '') as communities,
                    coalesce((select string_agg(d.code, ',') from department d where d.street_code = s.code), '') as departments
                from street s order by s.code""")
                .query((rs, n) -> new StreetMembers(rs.getString("code"), rs.getString("center_group"),
                        rs.getString("leaders_group"), codes(rs.getString("communities")), codes(rs.getString("departments"))))
                .list();
    }

    private static List<String> codes(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    /** Community code → street code, for every community. */
    public Map<String, String> streetOfEveryCommunity() {
        Map<String, String> streets = new LinkedHashMap<>();
        jdbc.sql("select code, street_code from community order by code")
                .query((rs, n) -> streets.put(rs.getString(1), rs.getString(2))).list();
        return streets;
    }

    /** Department code → street code, for every department. */
    public Map<String, String> streetOfEveryDepartment() {
        Map<String, String> streets = new LinkedHashMap<>();
        jdbc.sql("select code, street_code from department order by code")
                .query((rs, n) -> streets.put(rs.getString(1), rs.getString(2))).list();
        return streets;
    }

    /** The communities of a street. */
    public List<String> communitiesOfStreet(String street) {
        return jdbc.sql("select code from community where street_code = ? order by code").param(street)
                .query(String.class).list();
    }

    public List<Community> communities() {
        return jdbc.sql("select code, name, supervision_group from community order by code")
                .query(Community.class).list();
    }

    public Optional<Community> community(String code) {
        return jdbc.sql("select code, name, supervision_group from community where code = ?")
                .param(code).query(Community.class).optional();
    }

    public List<Unit> departments() {
        return jdbc.sql("select code, name from department order by code").query(Unit.class).list();
    }

    public boolean isDepartment(String code) {
        return jdbc.sql("select count(*) from department where code = ?").param(code).query(Integer.class).single() > 0;
    }

    public List<Unit> supervisionGroups() {
        return jdbc.sql("select code, name from supervision_group order by code").query(Unit.class).list();
    }

    public List<String> gridsOf(String communityCode) {
        return jdbc.sql("select code from grid where community_code = ? order by code")
                .param(communityCode).query(String.class).list();
    }

    /** Every grid, by code (its community's code first): the one source of the grids intake offers. */
    public List<Grid> grids() {
        return jdbc.sql("select code, name, community_code from grid order by code").query(Grid.class).list();
    }

    /** The community a grid belongs to, if the grid exists. */
    public Optional<String> communityOfGrid(String gridCode) {
        return jdbc.sql("select community_code from grid where code = ?").param(gridCode).query(String.class).optional();
    }

    public List<String> communitiesSupervisedBy(String supervisionGroup) {
        return jdbc.sql("select code from community where supervision_group = ? order by code")
                .param(supervisionGroup).query(String.class).list();
    }

    /**
     * Every unit that can be responsible for work (a community, its leaders, a department, a street or
     * district body): group id → printed name.
     */
    public Map<String, String> unitNames() {
        Map<String, String> units = new LinkedHashMap<>();
        for (Community c : communities()) {
            units.put(Groups.community(c.code()), c.name());
            units.put(Groups.communityLeaders(c.code()), c.name() + "领导");
        }
        departments().forEach(d -> units.put(d.code(), d.name()));
        units.putAll(BODIES);
        for (Street s : streets()) {
            // The demo street's groups keep their printed names of BODIES.
            units.putIfAbsent(s.centerGroup(), s.name() + "综治中心");
            units.putIfAbsent(s.leadersGroup(), s.name() + "领导");
        }
        return units;
    }
}
