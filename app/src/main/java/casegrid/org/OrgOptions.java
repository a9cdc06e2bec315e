package casegrid.org;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.RiskLevel;
import casegrid.process.OptionLists;
import casegrid.security.Groups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who and which units a task's selects offer, from the organisation (OrgDirectory and the engine's
 * users and groups), limited to the item:
 * <ul>
 * <li>{@code unitOptions}: the units that may own the item: its community, the departments, the
 *     street center;</li>
 * <li>{@code personOptions}: who may hold a duty on it: the item's community (staff, grid workers,
 *     leaders), the departments' people and the street center (the dispatcher), plus the street
 *     leaders for a HIGH item; never another community's people;</li>
 * <li>{@code leaderOptions}: who may lead it (包案领导): the community's leaders, plus the street
 *     leaders for a HIGH item;</li>
 * <li>{@code departmentOptions}: the departments (whistle, meetings); {@code allUnitOptions}: every
 *     unit, to name one already recorded;</li>
 * <li>{@code attendeeOptions}: who may attend the item's joint meeting, by its tier: the community's
 *     people (who attend every tier) and the invited departments' people; from the street tier up also the
 *     street center and leaders, at the district tier also the district joint meeting's members;</li>
 * <li>{@code communityOptions}, {@code gridOptions}: every community and grid, for the intake start form
 *     (StartFormOptions keeps those the caller may register in);</li>
 * <li>{@code departmentPeopleOptions}: the people of the department a report-in is for (派出人员).</li>
 * </ul>
 * People are labelled "姓名（单位）" with the user id as value; units by name with their group id.
 */
@Component
class OrgOptions implements OptionLists {

    private final OrgDirectory org;
    private final JdbcClient jdbc;
    private final Streets streets;

    OrgOptions(OrgDirectory org, JdbcClient jdbc, Streets streets) {
        this.org = org;
        this.streets = streets;
        this.jdbc = jdbc;
    }

    static final Set<String> LISTS = Set.of(UNIT_OPTIONS, ALL_UNIT_OPTIONS, DEPARTMENT_OPTIONS, PERSON_OPTIONS,
            LEADER_OPTIONS, ATTENDEE_OPTIONS, DEPARTMENT_PEOPLE_OPTIONS, COMMUNITY_OPTIONS, GRID_OPTIONS);
    /** The meeting's variables (jointMeeting): its tier and the departments invited when it was convened ("a,b"). */
    private static final String TIER = "tier";
    private static final String INVITED = "invitedDepartments";
    /** A report-in's department (whistle): its scope's local variable. */
    private static final String DEPARTMENT = "department";

    @Override
    public Set<String> names() {
        return LISTS;
    }

    @Override
    public List<Option> options(String list, DelegateTask task) {
        if (COMMUNITY_OPTIONS.equals(list)) {
            return org.communities().stream().map(c -> new Option(c.code() + " " + c.name(), c.code())).toList();
        }
        if (GRID_OPTIONS.equals(list)) {
            // A grid's name names its community ("福源社区第一网格"), so the label tells the grids of two communities apart.
            return org.grids().stream().map(g -> new Option(g.code() + " " + g.name(), g.code())).toList();
        }
        String community = (String) task.getVariable(COMMUNITY);
        boolean high = RiskLevel.HIGH.name().equals(String.valueOf(task.getVariable(RISK_LEVEL)));
        Map<String, String> units = unitNames();
        // A task offers the units and people of its item's street only (docs/streets.md).
        String center = streets.center(community);
        String leaders = streets.leaders(community);
        String street = streets.ofCommunity(community).map(OrgDirectory.Street::code).orElse(null);
        Map<String, String> deptStreets = org.streetOfEveryDepartment();
        List<OrgDirectory.Unit> departments = org.departments().stream()
                .filter(d -> street == null || street.equals(deptStreets.get(d.code()))).toList();
        return switch (list) {
            case UNIT_OPTIONS -> {
                List<Option> options = new ArrayList<>();
                if (community != null) {
                    options.add(unit(Groups.community(community), units));
                }
                departments.forEach(d -> options.add(new Option(d.name(), d.code())));
                options.add(unit(center, units));
                yield options;
            }
            case ALL_UNIT_OPTIONS -> units.entrySet().stream().map(u -> new Option(u.getValue(), u.getKey())).toList();
            case DEPARTMENT_OPTIONS -> departments.stream().map(d -> new Option(d.name(), d.code())).toList();
            case PERSON_OPTIONS -> {
                List<String> groups = new ArrayList<>();
                if (community != null) {
                    groups.addAll(List.of(Groups.communityLeaders(community), Groups.communityStaff(community),
                            Groups.community(community)));
                }
                departments.forEach(d -> groups.add(d.code()));
                groups.add(center);
                if (high) {
                    groups.add(leaders);
                }
                yield people(groups, units);
            }
            case LEADER_OPTIONS -> {
                List<String> groups = new ArrayList<>();
                if (community != null) {
                    groups.add(Groups.communityLeaders(community));
                }
                if (high) {
                    groups.add(leaders);
                }
                yield people(groups, units);
            }
            case ATTENDEE_OPTIONS -> {
                String tier = String.valueOf(task.getVariable(TIER));
                List<String> groups = new ArrayList<>();
                if (community != null) {
                    groups.addAll(List.of(Groups.communityLeaders(community), Groups.communityStaff(community),
                            Groups.community(community)));
                }
                Object invited = task.getVariable(INVITED);
                for (String department : invited == null ? new String[0] : invited.toString().split(",")) {
                    if (org.isDepartment(department.trim())) {
                        groups.add(department.trim());
                    }
                }
                if (!"COMMUNITY".equals(tier)) {
                    groups.addAll(List.of(center, leaders));
                }
                if ("DISTRICT".equals(tier)) {
                    groups.add(Groups.DISTRICT_MEETING);
                }
                yield people(groups, units);
            }
            case DEPARTMENT_PEOPLE_OPTIONS -> {
                Object department = task.getVariable(DEPARTMENT);
                yield department != null && org.isDepartment(department.toString())
                        ? people(List.of(department.toString()), units) : List.of();
            }
            default -> throw new IllegalArgumentException("no option list " + list);
        };
    }

    private Map<String, String> unitNames() {
        Map<String, String> units = new LinkedHashMap<>(org.unitNames());
        org.communities().forEach(c -> units.put(Groups.communityStaff(c.code()), c.name()));
        return units;
    }

    private static Option unit(String group, Map<String, String> units) {
        return new Option(units.getOrDefault(group, group), group);
    }

    /**
     * The members of the groups, each once, in the order of the groups (the first group names the
     * unit). Read from the engine's identity tables directly: the planner may lack the engine's READ
     * on users, and offering a colleague is not reading their account.
     */
    private List<Option> people(List<String> groups, Map<String, String> units) {
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, Option> byUser = new LinkedHashMap<>();
        Map<String, List<String[]>> byGroup = new LinkedHashMap<>();
        groups.forEach(g -> byGroup.put(g, new ArrayList<>()));
        jdbc.sql("select m.group_id_, u.id_, coalesce(u.first_, '') || coalesce(u.last_, '') from act_id_membership m"
                        + " join act_id_user u on u.id_ = m.user_id_ where m.group_id_ in (:groups) order by u.id_")
                .param("groups", groups)
                .query((RowCallbackHandler) rs -> byGroup.get(rs.getString(1))
                        .add(new String[] {rs.getString(2), rs.getString(3)}));
        byGroup.forEach((group, members) -> members.forEach(member -> byUser.computeIfAbsent(member[0], id -> {
            String name = member[1].isBlank() ? id : member[1];
            return new Option(name + "（" + units.getOrDefault(group, group) + "）", id);
        })));
        return List.copyOf(byUser.values());
    }
}
