package casegrid.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The access policy without Spring or a database: the demo organisation's roles against four
 * items, as a table of who reads what and who sees parties unmasked (CONTRACT.md, DOMAIN.md 保密).
 */
class AccessPolicyTest {

    /** The demo street QF: C01–C15; supervision-1 covers C01–C05, -2 C06–C10, -3 C11–C15. */
    static final AccessPolicy.StreetArea QF = new AccessPolicy.StreetArea("QF", "street-center", "street-leaders",
            communities(1, 15), Set.of("dept-justice", "dept-police"));
    /** A second street HX: C16–C17, its own centre, leaders, department and supervision group. */
    static final AccessPolicy.StreetArea HX = new AccessPolicy.StreetArea("HX", "street-center-hx", "street-leaders-hx",
            communities(16, 17), Set.of("dept-hxjustice"));

    static final AccessPolicy POLICY = policy(List.of(QF));
    static final AccessPolicy TWO_STREETS = policy(List.of(QF, HX));

    static Set<String> communities(int from, int to) {
        Set<String> codes = new TreeSet<>();
        IntStream.rangeClosed(from, to).forEach(i -> codes.add(String.format("C%02d", i)));
        return codes;
    }

    static AccessPolicy policy(List<AccessPolicy.StreetArea> streets) {
        return new AccessPolicy(new AccessPolicy.Areas() {
            @Override
            public List<AccessPolicy.StreetArea> streets() {
                return streets;
            }

            @Override
            public Set<String> supervisedBy(String group) {
                if (group.equals("supervision-hx")) {
                    return AccessPolicyTest.communities(16, 17);
                }
                int from = (Integer.parseInt(group.substring("supervision-".length())) - 1) * 5 + 1;
                return AccessPolicyTest.communities(from, from + 4);
            }
        });
    }

    static final Map<String, List<String>> GROUPS = Map.ofEntries(
            Map.entry("admin", List.of("camunda-admin")),
            Map.entry("center1", List.of("street-center")),
            Map.entry("leader1", List.of("street-leaders")),
            Map.entry("c03-staff", List.of("community-C03", "community-C03-staff")),
            Map.entry("c03-leader", List.of("community-C03-leaders")),
            Map.entry("c03-grid1", List.of("grid-workers", "community-C03")),
            Map.entry("justice1", List.of("dept-justice")),
            Map.entry("police1", List.of("dept-police")),
            Map.entry("sup1", List.of("supervision-1")),
            Map.entry("district1", List.of("district-meeting")),
            Map.entry("designer", List.of("process-designers")));

    /** A: C03, reported by c03-grid1, owned by the community, planned. B: C03 by c03-grid2, not graded yet. */
    static final Map<String, ItemFacts> ITEMS = Map.of(
            "A", new ItemFacts("A", "C03", "c03-grid1", "community-C03",
                    Set.of("c03-leader", "c03-grid1", "c03-staff", "c03-grid2", "center1"), Set.of()),
            "B", new ItemFacts("B", "C03", "c03-grid2", null, Set.of(), Set.of()),
            // C: C07, owned by the justice department; D: C12, the police called in by a whistle.
            "C", new ItemFacts("C", "C07", "c07-grid1", "dept-justice", Set.of("leader2"), Set.of()),
            "D", new ItemFacts("D", "C12", "c12-grid1", "community-C12", Set.of(), Set.of("dept-police")));

    static Scope scope(String user) {
        return POLICY.scope(user, GROUPS.get(user));
    }

    /** Columns: the items the user reads, then those of them whose parties they see unmasked. */
    @ParameterizedTest(name = "{0} reads [{1}], unmasked [{2}]")
    @CsvSource(delimiter = '|', value = {
            "admin      | ABCD | ''",
            "center1    | ABCD | ABCD",
            "leader1    | ABCD | ''",
            "c03-staff  | AB   | AB",
            "c03-leader | AB   | AB",
            "c03-grid1  | A    | A",
            "justice1   | C    | C",
            "police1    | D    | ''",
            "sup1       | AB   | ''",
            "district1  | ABCD | ''",
            "designer   | ''   | ''"})
    void eachRoleReadsItsItemsAndSeesPartiesOnlyWhereItNeedsThem(String user, String reads, String unmasked) {
        Scope scope = scope(user);
        for (var item : ITEMS.entrySet()) {
            boolean read = POLICY.mayRead(scope, item.getValue());
            assertThat(read).as(user + " reads " + item.getKey()).isEqualTo(reads.contains(item.getKey()));
            if (read) {
                assertThat(POLICY.seesPersonalData(scope, item.getValue())).as(user + " unmasked " + item.getKey())
                        .isEqualTo(unmasked.contains(item.getKey()));
            }
        }
    }

    @Test
    void aPersonNamedInThePlanSeesThePartiesOfAnItemTheyReadThroughTheirGroup() {
        Scope leader2 = POLICY.scope("leader2", List.of("street-leaders"));
        assertThat(POLICY.seesPersonalData(leader2, ITEMS.get("C"))).isTrue();
        assertThat(POLICY.seesPersonalData(leader2, ITEMS.get("A"))).isFalse();
    }

    @Test
    void reportingIsInTheOwnCommunityOrAnywhereForTheCenterDepartmentsAndAdministrators() {
        assertThat(POLICY.mayReportIn(scope("c03-grid1"), "C03")).isTrue();
        assertThat(POLICY.mayReportIn(scope("c03-grid1"), "C04")).isFalse();
        assertThat(POLICY.mayReportIn(scope("c03-staff"), "C03")).isTrue();
        // A community's leaders group is not its area group: leaders report through their staff.
        assertThat(POLICY.mayReportIn(scope("c03-leader"), "C03")).isFalse();
        assertThat(POLICY.mayReportIn(scope("leader1"), "C03")).isFalse();
        assertThat(POLICY.mayReportIn(scope("sup1"), "C03")).isFalse();
        for (String anywhere : List.of("center1", "justice1", "admin")) {
            assertThat(POLICY.mayReportIn(scope(anywhere), "C15")).as(anywhere).isTrue();
        }
        assertThatThrownBy(() -> POLICY.requireMayReportIn(scope("c03-grid1"), "C04"))
                .isInstanceOf(ApiException.class).hasMessageContaining("C04");
    }

    @Test
    void reportsAreWholeStreetForStreetWideRolesTheirCommunitiesForSupervisionGroupsAndClosedToOthers() {
        for (String everyStreet : List.of("admin", "district1")) {
            assertThat(POLICY.reportCommunities(scope(everyStreet))).as(everyStreet).isEmpty();
        }
        for (String street : List.of("center1", "leader1")) {
            assertThat(POLICY.reportCommunities(scope(street))).as(street).hasValue(communities(1, 15));
        }
        assertThat(POLICY.reportCommunities(scope("sup1"))).hasValueSatisfying(
                communities -> assertThat(communities).containsExactly("C01", "C02", "C03", "C04", "C05"));
        for (String other : List.of("c03-staff", "justice1", "designer")) {
            assertThatThrownBy(() -> POLICY.reportCommunities(scope(other))).as(other).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void theCamundaIntakeGrantGoesToTheGroupsThatMayReportSomewhere() {
        assertThat(List.of("street-center", "dept-justice", "grid-workers", "community-C03"))
                .allMatch(POLICY::mayRegisterItems);
        assertThat(TWO_STREETS.mayRegisterItems("street-center-hx")).isTrue();
        assertThat(TWO_STREETS.mayRegisterItems("street-leaders-hx")).isFalse();
        assertThat(List.of("street-leaders", "community-C03-leaders", "community-C03-staff", "supervision-1",
                "district-meeting", "process-designers")).noneMatch(POLICY::mayRegisterItems);
    }

    @Test
    void theSqlFormCarriesEveryValueAsABindParameter() {
        Scope hostile = POLICY.scope("x' or 1=1 --", List.of("dept-justice", "community-C03", "supervision-1"));
        SqlCondition visible = VisibleItems.visible(hostile);
        assertThat(visible.sql()).doesNotContain("x'", "C03", "dept-justice", "C01");
        assertThat(visible.params()).containsEntry("access_user", "x' or 1=1 --")
                .containsEntry("access_departments", Set.of("dept-justice"));
        // Departments: a semi-join on the union of the indexed sets (the ledger's measured shape).
        assertThat(visible.sql()).startsWith("r.number in (select v.number from risk_item v where")
                .contains("union all select e.number from risk_item_event e where e.unit in (:access_departments)");
        assertThat(VisibleItems.visible(scope("c03-staff")).sql()).doesNotContain("select");
        assertThat(VisibleItems.visible(scope("leader1"))).isEqualTo(SqlCondition.TRUE);
        assertThat(VisibleItems.unmasked(scope("center1"))).isEqualTo(SqlCondition.TRUE);
        assertThat(VisibleItems.unmasked(scope("leader1")).sql()).contains(":access_user in (r.responsible_leader");
    }

    @Test
    void conditionsRefuseOneParameterNameWithTwoValues() {
        SqlCondition a = new SqlCondition("r.community = :community", Map.of("community", "C03"));
        SqlCondition b = new SqlCondition("m.community = :community", Map.of("community", "C04"));
        assertThatThrownBy(() -> a.and(b)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":community");
        assertThat(a.and(a).params()).containsOnlyKeys("community");
    }

    /** E: an item of the second street (C16), reported by its grid worker, owned by its department. */
    static final ItemFacts E = new ItemFacts("E", "C16", "c16-grid1", "dept-hxjustice", Set.of(), Set.of());

    static Scope two(String user, String... groups) {
        return TWO_STREETS.scope(user, List.of(groups));
    }

    @Test
    void withTwoStreetsEachStreetsCenterAndLeadersReadTheirOwnStreetOnlyAndTheDistrictReadsBoth() {
        Scope center1 = two("center1", "street-center");
        Scope hxCenter = two("hx-center1", "street-center-hx");
        Scope hxLeader = two("hx-leader1", "street-leaders-hx");
        assertThat(TWO_STREETS.mayRead(center1, E)).isFalse();
        assertThat(TWO_STREETS.mayRead(center1, ITEMS.get("A"))).isTrue();
        assertThat(TWO_STREETS.mayRead(hxCenter, E)).isTrue();
        assertThat(TWO_STREETS.mayRead(hxLeader, E)).isTrue();
        for (ItemFacts qf : ITEMS.values()) {
            assertThat(TWO_STREETS.mayRead(hxCenter, qf)).as(qf.number()).isFalse();
            assertThat(TWO_STREETS.mayRead(hxLeader, qf)).as(qf.number()).isFalse();
        }
        for (String user : List.of("justice1:dept-justice", "sup1:supervision-1", "leader1:street-leaders",
                "c01-staff:community-C01")) {
            String[] u = user.split(":");
            assertThat(TWO_STREETS.mayRead(two(u[0], u[1]), E)).as(u[0]).isFalse();
        }
        assertThat(TWO_STREETS.mayRead(two("hxjustice1", "dept-hxjustice"), E)).isTrue();
        assertThat(TWO_STREETS.mayRead(two("sup-hx", "supervision-hx"), E)).isTrue();
        Scope district = two("district1", "district-meeting");
        assertThat(TWO_STREETS.mayRead(district, E)).isTrue();
        assertThat(TWO_STREETS.seesPersonalData(district, E)).isFalse();
        assertThat(TWO_STREETS.reportCommunities(district)).isEmpty();
        assertThat(TWO_STREETS.reportCommunities(hxLeader)).hasValue(communities(16, 17));
        assertThat(TWO_STREETS.reportCommunities(center1)).hasValue(communities(1, 15));
        assertThatThrownBy(() -> TWO_STREETS.requireDistrict(center1)).isInstanceOf(ApiException.class);
        TWO_STREETS.requireDistrict(district);
    }

    @Test
    void withTwoStreetsTheCenterAndDepartmentsRegisterOnlyInTheirOwnStreet() {
        Scope center1 = two("center1", "street-center");
        Scope hxCenter = two("hx-center1", "street-center-hx");
        assertThat(TWO_STREETS.mayReportIn(center1, "C15")).isTrue();
        assertThat(TWO_STREETS.mayReportIn(center1, "C16")).isFalse();
        assertThat(TWO_STREETS.mayReportIn(hxCenter, "C16")).isTrue();
        assertThat(TWO_STREETS.mayReportIn(hxCenter, "C01")).isFalse();
        assertThat(TWO_STREETS.mayReportIn(two("justice1", "dept-justice"), "C16")).isFalse();
        assertThat(TWO_STREETS.mayReportIn(two("hxjustice1", "dept-hxjustice"), "C17")).isTrue();
        assertThat(TWO_STREETS.mayReportIn(two("admin", "camunda-admin"), "C16")).isTrue();
        assertThat(TWO_STREETS.mayReportIn(two("platform1", "platform"), "C16")).isTrue();
    }

    @Test
    void withTwoStreetsAStreetsLedgerIsItsCommunitiesInSqlAndTheOnlyStreetNeedsNoCondition() {
        SqlCondition hx = VisibleItems.visible(two("hx-center1", "street-center-hx"));
        assertThat(hx.sql()).contains("r.community in (:access_street_communities)");
        assertThat(hx.params()).containsEntry("access_street_communities", communities(16, 17));
        assertThat(VisibleItems.visible(two("center1", "street-center")).params())
                .containsEntry("access_street_communities", communities(1, 15));
        assertThat(VisibleItems.visible(two("district1", "district-meeting"))).isEqualTo(SqlCondition.TRUE);
        assertThat(VisibleItems.visible(scope("center1"))).isEqualTo(SqlCondition.TRUE);
    }
}
