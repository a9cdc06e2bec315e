package casegrid.ledger;

import casegrid.security.Groups;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may read an item (least privilege, DOMAIN.md 保密): the street center, street leaders and
 * administrators everything; community staff and leaders their community; grid workers what they
 * reported; departments what they own or are called into; supervision groups their communities.
 */
@Component
public class ItemVisibility {

    private final JdbcClient jdbc;

    public ItemVisibility(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean canSee(String userId, Collection<String> groups, Map<String, Object> item) {
        if (groups.contains(Groups.CAMUNDA_ADMIN) || groups.contains(Groups.STREET_CENTER)
                || groups.contains(Groups.STREET_LEADERS)) {
            return true;
        }
        String community = (String) item.get("community");
        if (userId.equals(item.get("reported_by"))) {
            return true;
        }
        boolean gridWorker = groups.contains(Groups.GRID_WORKERS);
        if (groups.contains(Groups.communityLeaders(community)) || (!gridWorker && groups.contains(Groups.community(community)))) {
            return true;
        }
        String unit = (String) item.get("responsible_unit");
        if (unit != null && groups.contains(unit) && !gridWorker) {
            return true;
        }
        String number = (String) item.get("number");
        boolean calledIn = groups.stream().filter(g -> g.startsWith(Groups.DEPARTMENT_PREFIX)).anyMatch(dept ->
                jdbc.sql("select count(*) from risk_item_event where number = ? and unit = ?").params(number, dept)
                        .query(Integer.class).single() > 0);
        if (calledIn) {
            return true;
        }
        return groups.stream().filter(g -> g.startsWith(Groups.SUPERVISION_PREFIX)).anyMatch(group ->
                jdbc.sql("select count(*) from community where code = ? and supervision_group = ?")
                        .params(community, group).query(Integer.class).single() > 0);
    }
}
