package casegrid.org;

import casegrid.org.OrgDirectory.Street;
import casegrid.process.ModelApi;
import casegrid.security.Groups;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which street a community or a unit belongs to, and that street's centre and leaders groups
 * (docs/streets.md). Published to models so that a task waits for the centre or the leaders of
 * its item's street: {@code camunda:candidateGroups="${streets.center(community)}"}. It hands out
 * group ids only, never case data, and answers any argument (what has no street of its own goes to
 * the first street's groups, so that a model never routes a task to nobody).
 */
@Component("streets")
@ModelApi
public class Streets {

    private final OrgDirectory org;
    private final JdbcClient jdbc;

    public Streets(OrgDirectory org, JdbcClient jdbc) {
        this.org = org;
        this.jdbc = jdbc;
    }

    /** The centre (综治中心) group of the community's street. */
    @ModelApi
    public String center(String community) {
        return ofCommunity(community).or(this::first).map(Street::centerGroup).orElse(Groups.STREET_CENTER);
    }

    /** The leaders' group of the community's street. */
    @ModelApi
    public String leaders(String community) {
        return ofCommunity(community).or(this::first).map(Street::leadersGroup).orElse(Groups.STREET_LEADERS);
    }

    /** Every street's code: a timer-started review runs once per street ({@code ${streets.codes}}). */
    @ModelApi
    public List<String> getCodes() {
        return all().stream().map(Street::code).toList();
    }

    /** The centre group of the street with this code (the first street's for an unknown code). */
    @ModelApi
    public String centerOfStreet(String street) {
        return byCode(street).or(this::first).map(Street::centerGroup).orElse(Groups.STREET_CENTER);
    }

    /** The leaders' group of the street with this code (the first street's for an unknown code). */
    @ModelApi
    public String leadersOfStreet(String street) {
        return byCode(street).or(this::first).map(Street::leadersGroup).orElse(Groups.STREET_LEADERS);
    }

    /** The first street (by code): where work without a street of its own goes. */
    private Optional<Street> first() {
        return all().stream().findFirst();
    }

    public List<Street> all() {
        return org.streets();
    }

    public Optional<Street> ofCommunity(String community) {
        return community == null ? Optional.empty() : org.streetOfCommunity(community);
    }

    public Optional<Street> byCode(String code) {
        return all().stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /**
     * The street a unit (group id) works in: a street's centre or leaders, a community's groups, a
     * department or a supervision group; empty for bodies above the streets (district, administrators).
     */
    public Optional<Street> ofUnit(String group) {
        if (group == null) {
            return Optional.empty();
        }
        for (Street s : all()) {
            if (group.equals(s.centerGroup()) || group.equals(s.leadersGroup())) {
                return Optional.of(s);
            }
        }
        if (group.startsWith(Groups.COMMUNITY_PREFIX)) {
            String rest = group.substring(Groups.COMMUNITY_PREFIX.length());
            int dash = rest.indexOf('-');
            return ofCommunity(dash < 0 ? rest : rest.substring(0, dash));
        }
        Optional<String> street = jdbc.sql("""
                select street_code from department where code = :g
                union all select street_code from supervision_group where code = :g""")
                .param("g", group).query(String.class).list().stream().findFirst();
        return street.flatMap(this::byCode);
    }

    /** The centre of the unit's street (the demo street's when the unit has none). */
    public String centerOfUnit(String group) {
        return ofUnit(group).or(this::first).map(Street::centerGroup).orElse(Groups.STREET_CENTER);
    }

    /** The leaders of the unit's street (the demo street's when the unit has none). */
    public String leadersOfUnit(String group) {
        return ofUnit(group).or(this::first).map(Street::leadersGroup).orElse(Groups.STREET_LEADERS);
    }
}
