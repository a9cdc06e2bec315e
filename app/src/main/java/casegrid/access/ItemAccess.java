package casegrid.access;

import casegrid.web.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/** Applies the AccessPolicy to callers and stored items: the web layer's one entry to access decisions. */
@Component
public class ItemAccess {

    /** A permitted read of one item, and whether its parties are shown unmasked. */
    public record Read(Scope scope, ItemFacts item, boolean unmasked) {
    }

    private static final int MAX_GROUPS = 500;

    private final AccessPolicy policy;
    private final JdbcClient jdbc;
    private final IdentityService identity;

    public ItemAccess(AccessPolicy policy, JdbcClient jdbc, IdentityService identity) {
        this.policy = policy;
        this.jdbc = jdbc;
        this.identity = identity;
    }

    public AccessPolicy policy() {
        return policy;
    }

    public Scope scope(Authentication caller) {
        return policy.scope(caller.getName(), groups(caller));
    }

    /** For callers known by id only (the intake of a task form or a bridge): their groups from the engine. */
    public Scope scope(String userId) {
        List<String> groups = identity.createGroupQuery().groupMember(userId).listPage(0, MAX_GROUPS).stream()
                .map(Group::getId).toList();
        return policy.scope(userId, groups);
    }

    public static List<String> groups(Authentication caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    /** 404 for an unknown number, 403 outside the caller's scope; {@code what} names the view in the message. */
    public Read read(Authentication caller, String number, String what) {
        ItemFacts item = facts(number).orElseThrow(() -> ApiException.notFound("事项 " + number + " 不存在"));
        Scope scope = scope(caller);
        policy.requireMayRead(scope, item, what);
        return new Read(scope, item, policy.seesPersonalData(scope, item));
    }

    public Optional<ItemFacts> facts(String number) {
        Set<String> units = new TreeSet<>(jdbc.sql("select distinct unit from risk_item_event where number = ? and unit is not null")
                .param(number).query(String.class).list());
        return jdbc.sql("""
                        select community, reported_by, responsible_unit, responsible_leader, investigator, resolver,
                               stabiliser, dispatcher
                        from risk_item where number = ?""").param(number)
                .query((rs, row) -> {
                    Set<String> plan = new TreeSet<>();
                    for (String column : new String[] {"responsible_leader", "investigator", "resolver", "stabiliser", "dispatcher"}) {
                        String person = rs.getString(column);
                        if (person != null) {
                            plan.add(person);
                        }
                    }
                    return new ItemFacts(number, rs.getString("community"), rs.getString("reported_by"),
                            rs.getString("responsible_unit"), plan, units);
                }).optional();
    }
}
