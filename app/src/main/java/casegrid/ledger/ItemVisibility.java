package casegrid.ledger;

import casegrid.security.Groups;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may read an item (least privilege, DOMAIN.md 保密): the street center, street leaders and
 * administrators everything; community staff and leaders their community; grid workers what they
 * reported; departments what they own or are called into; supervision groups their communities.
 *
 * <p>The rules are written once, as an SQL condition over {@code risk_item r}, so that a ledger
 * page is one indexed query and a single item is judged by exactly the same rules.
 *
 * <p>Who sees parties' names and phones unmasked (保密, need to know): the street center (it
 * dispatches and keeps the ledgers); the item's community staff and leaders (属地, they visit the
 * parties); members of the responsible unit; whoever reported the item; and the people named in
 * its plan (包案领导 and the four duty holders). Everyone else who may read the item — street
 * leaders who are not its responsible leader, administrators, supervision groups, departments
 * only called in — sees them masked: they work with figures and deadlines, not with contacts.
 */
@Component
public class ItemVisibility {

    /** An SQL condition over alias {@code r} (risk_item) with its named parameters. */
    public record Scope(String visible, String unmasked, Map<String, Object> params) {
    }

    private static final Set<String> SEE_ALL = Set.of(Groups.CAMUNDA_ADMIN, Groups.STREET_CENTER, Groups.STREET_LEADERS);

    private final JdbcClient jdbc;

    public ItemVisibility(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The caller's scope; parameter names start with {@code vis_} so they do not clash with filters. */
    public Scope scope(String userId, Collection<String> groups) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vis_user", userId);
        boolean gridWorker = groups.contains(Groups.GRID_WORKERS);
        List<String> communityCodes = jdbc.sql("select code from community").query(String.class).list();

        // Territorial owners (属地): a community's leaders, and its staff unless they are grid workers,
        // who see only what they reported themselves.
        Set<String> ownCommunities = new TreeSet<>();
        for (String code : communityCodes) {
            if (groups.contains(Groups.communityLeaders(code)) || (!gridWorker && groups.contains(Groups.community(code)))) {
                ownCommunities.add(code);
            }
        }
        Set<String> supervised = new TreeSet<>();
        List<String> supervisionGroups = groups.stream().filter(g -> g.startsWith(Groups.SUPERVISION_PREFIX)).toList();
        if (!supervisionGroups.isEmpty()) {
            supervised.addAll(jdbc.sql("select code from community where supervision_group in (:groups)")
                    .param("groups", supervisionGroups).query(String.class).list());
        }
        List<String> departments = groups.stream().filter(g -> g.startsWith(Groups.DEPARTMENT_PREFIX)).toList();

        // Written over alias "$" so that the same condition can be put on "r" or on a sub-select's row.
        StringBuilder owner = new StringBuilder("$.reported_by = :vis_user");
        if (!ownCommunities.isEmpty()) {
            owner.append(" or $.community in (:vis_own)");
            params.put("vis_own", ownCommunities);
        }
        if (!gridWorker && !groups.isEmpty()) {
            owner.append(" or $.responsible_unit in (:vis_units)");
            params.put("vis_units", List.copyOf(groups));
        }

        String unmasked;
        String visible;
        boolean seesAll = groups.stream().anyMatch(SEE_ALL::contains);
        if (groups.contains(Groups.STREET_CENTER)) {
            unmasked = "true";
        } else {
            unmasked = "(" + on(owner, "r") + " or :vis_user in (r.responsible_leader, r.investigator, r.resolver, r.stabiliser,"
                    + " r.dispatcher))";
        }
        if (seesAll) {
            visible = "true";
        } else {
            StringBuilder any = new StringBuilder(owner);
            if (!supervised.isEmpty()) {
                any.append(" or $.community in (:vis_supervised)");
                params.put("vis_supervised", supervised);
            }
            if (departments.isEmpty()) {
                // Indexed columns only: PostgreSQL ORs their bitmap index scans.
                visible = "(" + on(any, "r") + ")";
            } else {
                // Called in (whistle, joint handling, a return against it): the department has events on the
                // item. OR-ed with a sub-select this forces a scan of every item (hashed SubPlan); as a
                // semi-join on the union of both sets each side uses its index.
                params.put("vis_depts", departments);
                visible = "r.number in (select v.number from risk_item v where " + on(any, "v")
                        + " union all select e.number from risk_item_event e where e.unit in (:vis_depts))";
            }
        }
        return new Scope(visible, unmasked, params);
    }

    private static String on(CharSequence condition, String alias) {
        return condition.toString().replace("$.", alias + ".");
    }

    public boolean canSee(String userId, Collection<String> groups, String number) {
        Scope scope = scope(userId, groups);
        return jdbc.sql("select count(*) from risk_item r where r.number = :vis_number and " + scope.visible())
                .params(scope.params()).param("vis_number", number).query(Integer.class).single() > 0;
    }

    /** Same rules; kept for callers that already hold the item's row. */
    public boolean canSee(String userId, Collection<String> groups, Map<String, Object> item) {
        return canSee(userId, groups, (String) item.get("number"));
    }

    /** Whether the caller sees the item's parties' names and phones unmasked (see the class comment). */
    public boolean seesPersonalData(String userId, Collection<String> groups, String number) {
        Scope scope = scope(userId, groups);
        return jdbc.sql("select count(*) from risk_item r where r.number = :vis_number and " + scope.unmasked())
                .params(scope.params()).param("vis_number", number).query(Integer.class).single() > 0;
    }
}
