package casegrid.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.CasegridApplication;
import casegrid.org.OrgSync;
import casegrid.support.CasegridTest;
import static casegrid.support.SecondNode.NO_WEB_REST;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The app on PostgreSQL: schema owners, the derived organisation, engine settings, and a restart that duplicates nothing. */
@CasegridTest
class FoundationTest {

    @Autowired JdbcClient jdbc;
    @Autowired ProcessEngine engine;
    @Autowired EmbeddedPostgres postgres;
    @Autowired OrgSync orgSync;

    @Test
    void runsOnPostgresWithFlywayTablesAndEngineTables() {
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL 15");
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class).list();
        assertThat(tables).contains("flyway_schema_history", "street", "community", "grid", "department",
                "supervision_group", "act_ru_task", "act_hi_procinst", "act_re_procdef");
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where version = '1' and success")
                .query(Integer.class).single()).isEqualTo(1);
        // The demo street's (other tests may add a street of their own: docs/streets.md).
        assertThat(jdbc.sql("select count(*) from community where street_code = 'QF'").query(Integer.class).single()).isEqualTo(15);
        assertThat(jdbc.sql("select count(*) from grid g join community c on c.code = g.community_code where c.street_code = 'QF'")
                .query(Integer.class).single()).isEqualTo(60);
        assertThat(jdbc.sql("select supervision_group from community where code = 'C07'").query(String.class).single())
                .isEqualTo("supervision-2");
    }

    @Test
    void demoOrganisationIsExactlyTheContractOne() {
        IdentityService identity = engine.getIdentityService();
        assertThat(identity.createUserQuery().userId("c15-grid2").memberOfGroup("grid-workers").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId("c15-grid2").memberOfGroup("community-C15").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId("c03-leader").memberOfGroup("community-C03-leaders").count()).isEqualTo(1);
        // Staff work the community's cases through its staff group and keep the area group; grid workers only the latter.
        assertThat(identity.createUserQuery().memberOfGroup("community-C03-staff").list()).extracting("id")
                .containsExactly("c03-staff");
        assertThat(identity.createUserQuery().userId("c03-staff").memberOfGroup("community-C03").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId("housing1").memberOfGroup("dept-housing").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId("sup3").memberOfGroup("supervision-3").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId("district1").memberOfGroup("district-meeting").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId("designer").memberOfGroup("process-designers").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId("admin").memberOfGroup("camunda-admin").count()).isEqualTo(1);
        // The city platform's service account (docs/integration.md), added to the contract's accounts.
        assertThat(identity.createUserQuery().userId("platform1").memberOfGroup("platform").count()).isEqualTo(1);
        // 1 admin + 1 designer + 2 center + 2 leaders + 15 × (staff, leader, 2 grid) + 11 departments + 3 supervisors
        // + 1 district + 1 platform
        // (Accounts of a street another test added are not the demo street's: docs/streets.md.)
        assertThat(identity.createUserQuery().count() - otherStreetsAccounts()).isEqualTo(1 + 1 + 2 + 2 + 60 + 11 + 3 + 1 + 1);
        assertThat(identity.checkPassword("center1", "center1")).isTrue();
    }

    @Test
    void engineIsConfiguredAsPromised() {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(config.getHistory()).isEqualTo("full");
        assertThat(config.isAuthorizationEnabled()).isTrue();
        assertThat(config.isEnableExpressionsInAdhocQueries()).isFalse();
        assertThat(config.isEnableExpressionsInStoredQueries()).isFalse();
        assertThat(config.isDeserializationTypeValidationEnabled()).isTrue();
        assertThat(config.getQueryMaxResultsLimit()).isEqualTo(2000);
        assertThat(config.isEnableXxeProcessing()).isFalse();
        assertThat(config.isCmmnEnabled()).isFalse();
        assertThat(config.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(config.getHistoryRemovalTimeStrategy()).isEqualTo("end");
        assertThat(config.getIdGenerator().getClass().getSimpleName()).isEqualTo("StrongUuidGenerator");
        assertThat(config.getDatabaseType()).isEqualTo("postgres");
        assertThat(config.getDefaultUserPermissionForTask()).isEqualTo(Permissions.TASK_WORK);
    }

    @Test
    void grantsOfCamundasDefaultProviderAreRetiredAtStart() {
        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization owner = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        owner.setUserId("designer");
        owner.setResource(Resources.DEPLOYMENT);
        owner.setResourceId("legacy-deployment");
        owner.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(owner);
        Authorization candidate = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        candidate.setGroupId("community-C05");
        candidate.setResource(Resources.TASK);
        candidate.setResourceId("legacy-task");
        candidate.addPermission(Permissions.READ);
        candidate.addPermission(Permissions.UPDATE);
        authorizations.saveAuthorization(candidate);

        orgSync.synchronise();

        assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.DEPLOYMENT).resourceId("legacy-deployment")
                .count()).isZero();
        Authorization retired = authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId("legacy-task").singleResult();
        assertThat(retired.isPermissionGranted(Permissions.UPDATE)).isFalse();
        assertThat(retired.isPermissionGranted(Permissions.TASK_WORK)).isTrue();
        assertThat(retired.isPermissionGranted(Permissions.READ)).isTrue();
        authorizations.deleteAuthorization(retired.getId());
    }

    @Test
    void aRestartKeepsDataAndDuplicatesNothing() {
        Map<String, Long> before = counts();
        assertThat(before.get("filters")).isGreaterThan(5);
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(CasegridApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--camunda.bpm.process-engine-name=restarted",
                        "--camunda.bpm.job-execution.enabled=false",
                        "--spring.autoconfigure.exclude=" + NO_WEB_REST,
                        "--casegrid.tasklist.filter-refresh=PT24H")) {
            assertThat(restarted.getBean(ProcessEngine.class).getName()).isEqualTo("restarted");
            assertThat(counts()).isEqualTo(before);
        }
    }

    private Map<String, Long> counts() {
        FilterService filters = engine.getFilterService();
        AuthorizationService authorizations = engine.getAuthorizationService();
        return Map.of(
                "users", engine.getIdentityService().createUserQuery().count(),
                "groups", engine.getIdentityService().createGroupQuery().count(),
                "memberships", jdbc.sql("select count(*) from act_id_membership").query(Long.class).single(),
                "authorizations", authorizations.createAuthorizationQuery().count(),
                "filters", filters.createFilterQuery().count(),
                "deployments", engine.getRepositoryService().createDeploymentQuery().count(),
                "communities", jdbc.sql("select count(*) from community").query(Long.class).single());
    }

    /** The accounts in the groups of streets other than the demo street QF. */
    long otherStreetsAccounts() {
        java.util.List<String> groups = new java.util.ArrayList<>(jdbc.sql("""
                select center_group from street where code <> 'QF' union all select leaders_group from street where code <> 'QF'
                union all select code from department where street_code <> 'QF'
                union all select code from supervision_group where street_code <> 'QF'
                union all select 'community-' || code from community where street_code <> 'QF'
                union all select 'community-' || code || '-staff' from community where street_code <> 'QF'
                union all select 'community-' || code || '-leaders' from community where street_code <> 'QF'""")
                .query(String.class).list());
        java.util.Set<String> users = new java.util.TreeSet<>();
        groups.forEach(g -> engine.getIdentityService().createUserQuery().memberOfGroup(g).list().forEach(u -> users.add(u.getId())));
        return users.size();
    }
}
