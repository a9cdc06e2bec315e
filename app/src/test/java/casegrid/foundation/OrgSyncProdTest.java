package casegrid.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.CasegridApplication;
import casegrid.support.CasegridTest;
import static casegrid.support.SecondNode.NO_WEB_REST;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The prod profile: no demo accounts or organisation, and no start at all without an admin password. */
@CasegridTest
class OrgSyncProdTest {

    @Autowired EmbeddedPostgres postgres;
    @Autowired JdbcClient jdbc;

    @Test
    void prodRefusesToStartWithoutAnAdminPassword() {
        String url = freshDatabase("prod_no_password");
        assertThatThrownBy(() -> start(url, null).close())
                .rootCause().hasMessageContaining("CASEGRID_ADMIN_PASSWORD");
    }

    @Test
    void prodLoadsNoDemoAccounts() {
        String url = freshDatabase("prod_with_password");
        try (ConfigurableApplicationContext prod = start(url, "s3cret-Admin")) {
            ProcessEngine engine = prod.getBean(ProcessEngine.class);
            assertThat(engine.getIdentityService().createUserQuery().list())
                    .extracting(u -> u.getId()).containsExactly("admin");
            assertThat(engine.getIdentityService().checkPassword("admin", "s3cret-Admin")).isTrue();
            // No demo street either (V19 gives V1's rows back on a database without items): prod starts empty.
            assertThat(engine.getIdentityService().createGroupQuery().groupId("community-C03").count()).isZero();
            JdbcClient prodJdbc = prod.getBean(JdbcClient.class);
            for (String table : List.of("street", "community", "grid", "department", "supervision_group", "person")) {
                assertThat(prodJdbc.sql("select count(*) from " + table).query(Integer.class).single()).as(table).isZero();
            }
        }
    }

    private String freshDatabase(String name) {
        jdbc.sql("drop database if exists " + name).update();
        jdbc.sql("create database " + name).update();
        return postgres.getJdbcUrl("postgres", name);
    }

    private static ConfigurableApplicationContext start(String url, String adminPassword) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--camunda.bpm.process-engine-name=prodcheck",
                "--camunda.bpm.job-execution.enabled=false",
                "--spring.autoconfigure.exclude=" + NO_WEB_REST));
        if (adminPassword != null) {
            args.add("--casegrid.admin.password=" + adminPassword);
        }
        // Command-line arguments, because they outrank application.yaml (default properties do not).
        return new SpringApplicationBuilder(CasegridApplication.class)
                .web(WebApplicationType.NONE).profiles("prod").run(args.toArray(String[]::new));
    }
}
