package casegrid.access;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The access policy as SQL over {@code risk_item} under the fixed alias {@link #ITEM}, so that a
 * ledger page, its count and the meetings ledger are one indexed query each. Same rules as
 * AccessPolicy.mayRead / seesPersonalData; every value is a bind parameter.
 *
 * <p>Shape (measured in bench/README.md, indexes in V5): without departments the condition uses
 * indexed columns only and PostgreSQL ORs their bitmap index scans. A department also reads items
 * it is called into (events with its unit); OR-ed with a sub-select that would force a scan of
 * every item, so it becomes a semi-join on the union of both sets, each side using its index.
 */
public final class VisibleItems {

    /** The alias under which every caller selects {@code risk_item}. */
    public static final String ITEM = "r";
    /** The alias of the same table inside the semi-join. */
    private static final String CANDIDATE = "v";

    public static SqlCondition visible(Scope scope) {
        if (scope.everyCommunity()) {
            return SqlCondition.TRUE;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (scope.departments().isEmpty()) {
            return new SqlCondition(readable(ITEM, scope, params), params);
        }
        params.put("access_departments", scope.departments());
        return new SqlCondition(ITEM + ".number in (select " + CANDIDATE + ".number from risk_item " + CANDIDATE
                + " where " + readable(CANDIDATE, scope, params)
                + " union all select e.number from risk_item_event e where e.unit in (:access_departments))", params);
    }

    public static SqlCondition unmasked(Scope scope) {
        if (scope.allUnmasked()) {
            return SqlCondition.TRUE;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String planPeople = String.join(", ", PLAN_PEOPLE);
        return new SqlCondition("(" + owns(ITEM, scope, params) + " or :access_user in (" + planPeople + "))", params);
    }

    private static final String[] PLAN_PEOPLE = {ITEM + ".responsible_leader", ITEM + ".investigator",
            ITEM + ".resolver", ITEM + ".stabiliser", ITEM + ".dispatcher"};

    /** Owners, supervisors and the street's center and leaders, over {@code alias} (one of the two constants above). */
    private static String readable(String alias, Scope scope, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder(owns(alias, scope, params));
        if (!scope.streetCommunities().isEmpty()) {
            // A street is its communities (community.street_code): the community index answers it.
            sql.append(" or ").append(alias).append(".community in (:access_street_communities)");
            params.put("access_street_communities", scope.streetCommunities());
        }
        if (!scope.supervised().isEmpty()) {
            sql.append(" or ").append(alias).append(".community in (:access_supervised)");
            params.put("access_supervised", scope.supervised());
        }
        return "(" + sql + ")";
    }

    private static String owns(String alias, Scope scope, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder(alias + ".reported_by = :access_user");
        params.put("access_user", scope.userId());
        if (!scope.communities().isEmpty()) {
            sql.append(" or ").append(alias).append(".community in (:access_communities)");
            params.put("access_communities", scope.communities());
        }
        if (!scope.units().isEmpty()) {
            sql.append(" or ").append(alias).append(".responsible_unit in (:access_units)");
            params.put("access_units", scope.units());
        }
        return sql.toString();
    }

    private VisibleItems() {
    }
}
