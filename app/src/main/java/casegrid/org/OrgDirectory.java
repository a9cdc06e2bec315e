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
        return units;
    }
}
