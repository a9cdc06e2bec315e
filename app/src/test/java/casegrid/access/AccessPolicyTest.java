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

    /** C01–C15; supervision-1 covers C01–C05, -2 C06–C10, -3 C11–C15. */
    static final AccessPolicy POLICY = new AccessPolicy(new AccessPolicy.Areas() {
        @Override
        public Set<String> communities() {
            Set<String> codes = new TreeSet<>();
            IntStream.rangeClosed(1, 15).forEach(i -> codes.add(String.format("C%02d", i)));
            return codes;
        }

        @Override
        public Set<String> supervisedBy(String group) {
            int from = (Integer.parseInt(group.substring("supervision-".length())) - 1) * 5 + 1;
            Set<String> codes = new TreeSet<>();
            IntStream.range(from, from + 5).forEach(i -> codes.add(String.format("C%02d", i)));
            return codes;
        }
    });

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
            "district1  | ''   | ''",
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
        for (String streetWide : List.of("admin", "center1", "leader1")) {
            assertThat(POLICY.reportCommunities(scope(streetWide))).as(streetWide).isEmpty();
        }
        assertThat(POLICY.reportCommunities(scope("sup1"))).hasValueSatisfying(
                communities -> assertThat(communities).containsExactly("C01", "C02", "C03", "C04", "C05"));
        for (String other : List.of("c03-staff", "justice1", "district1", "designer")) {
            assertThatThrownBy(() -> POLICY.reportCommunities(scope(other))).as(other).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void theCamundaIntakeGrantGoesToTheGroupsThatMayReportSomewhere() {
        assertThat(List.of("street-center", "dept-justice", "grid-workers", "community-C03"))
                .allMatch(AccessPolicy::mayRegisterItems);
        assertThat(List.of("street-leaders", "community-C03-leaders", "community-C03-staff", "supervision-1",
                "district-meeting", "process-designers")).noneMatch(AccessPolicy::mayRegisterItems);
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
}
