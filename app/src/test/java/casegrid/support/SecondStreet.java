package casegrid.support;

import casegrid.org.OrgData;
import casegrid.org.OrgData.Community;
import casegrid.org.OrgData.Department;
import casegrid.org.OrgData.Grid;
import casegrid.org.OrgData.Person;
import casegrid.org.OrgData.Street;
import casegrid.org.OrgData.Supervision;
import casegrid.org.OrgImport;
import casegrid.org.OrgWorkbook;
import casegrid.tasklist.TasklistFilters;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A second street in the shared test database (docs/streets.md), built the way an administrator
 * builds one: an organisation file (docs/organisation.md) imported through {@link OrgImport}. 和兴街道
 * (HX) with community C16 (grid C16-G1), the department dept-hxjustice, the supervision group
 * supervision-hx and their people: hx-center1, hx-leader1, c16-staff, c16-leader, c16-grid1/2,
 * hxjustice1, suphx. As with the demo accounts, each first password is the user id. The import is
 * idempotent, so every test that needs the street calls this.
 */
public final class SecondStreet {

    public static final String CODE = "HX";
    public static final String COMMUNITY = "C16";
    public static final String CENTER = "street-center-hx";
    public static final String LEADERS = "street-leaders-hx";

    public static final OrgData ORGANISATION = new OrgData(
            List.of(new Street(CODE, "和兴街道", CODE, CENTER, LEADERS)),
            List.of(new Supervision("supervision-hx", "和兴督导组", CODE)),
            List.of(new Community(COMMUNITY, "和兴社区", CODE, "supervision-hx")),
            List.of(new Grid("C16-G1", "和兴社区第一网格", COMMUNITY)),
            List.of(new Department("dept-hxjustice", "和兴司法所", CODE)),
            List.of(person("hx-center1", "和兴综治中心工作人员", CENTER),
                    person("hx-leader1", "和兴街道领导", LEADERS),
                    person("c16-staff", "和兴社区工作人员", "community-C16", "community-C16-staff"),
                    person("c16-leader", "和兴社区书记", "community-C16-leaders"),
                    person("c16-grid1", "和兴社区网格员1", "grid-workers", "community-C16"),
                    person("c16-grid2", "和兴社区网格员2", "grid-workers", "community-C16"),
                    person("hxjustice1", "和兴司法所联络员", "dept-hxjustice"),
                    person("suphx", "和兴督导组组长", "supervision-hx")));

    private static Person person(String id, String name, String... groups) {
        return new Person(id, name, Set.of(groups), null, id + "@demo.casegrid.invalid", true);
    }

    public static void ensure(OrgImport orgImport, TasklistFilters filters) {
        try {
            orgImport.apply(OrgWorkbook.write(ORGANISATION), Function.identity());
        } catch (OrgImport.RefusedFile refused) {
            throw new IllegalStateException("the second street's file was refused: " + refused.report().problems(), refused);
        }
        filters.synchronise();
    }

    private SecondStreet() {
    }
}
