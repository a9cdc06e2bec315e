package casegrid.support;

import casegrid.org.OrgSync;
import casegrid.tasklist.TasklistFilters;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A second street in the shared test database (docs/streets.md): 和兴街道 (HX) with community C16
 * (grid C16-G1), the department dept-hxjustice and the supervision group supervision-hx, written as
 * rows like any street; OrgSync derives its groups, grants and (demo profile) the community's and
 * department's accounts (c16-staff, c16-leader, c16-grid1/2, hxjustice1, suphx); its centre
 * hx-center1 and leaders hx-leader1 are created here. Idempotent: every test that needs it calls it.
 */
public final class SecondStreet {

    public static final String CODE = "HX";
    public static final String COMMUNITY = "C16";
    public static final String CENTER = "street-center-HX";
    public static final String LEADERS = "street-leaders-HX";

    public static void ensure(JdbcClient jdbc, OrgSync orgSync, TasklistFilters filters, IdentityService identity) {
        jdbc.sql("""
                insert into street (code, name, number_prefix, center_group, leaders_group)
                values ('HX', '和兴街道', 'HX', 'street-center-HX', 'street-leaders-HX') on conflict do nothing""").update();
        jdbc.sql("insert into supervision_group (code, name, street_code) values ('supervision-hx', '和兴督导组', 'HX') on conflict do nothing")
                .update();
        jdbc.sql("""
                insert into community (code, street_code, name, supervision_group)
                values ('C16', 'HX', '和兴社区', 'supervision-hx') on conflict do nothing""").update();
        jdbc.sql("insert into grid (code, community_code, name) values ('C16-G1', 'C16', '和兴社区第一网格') on conflict do nothing")
                .update();
        jdbc.sql("insert into department (code, name, street_code) values ('dept-hxjustice', '和兴司法所', 'HX') on conflict do nothing")
                .update();
        orgSync.synchronise();
        user(identity, "hx-center1", CENTER);
        user(identity, "hx-leader1", LEADERS);
        filters.synchronise();
    }

    private static void user(IdentityService identity, String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName("和兴街道");
            user.setLastName(id);
            user.setPassword(id);
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identity.createMembership(id, group);
        }
    }

    private SecondStreet() {
    }
}
