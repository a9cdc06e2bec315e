package casegrid.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Ctrl-C on spring-boot:run hung 30 s: zonky's own shutdown hook stopped PostgreSQL beside Spring's,
 * while the engine and the pool still used it. The server must stop last, by the context. A plain
 * context of EmbeddedPostgresConfig alone (not the app's shared test context) is closed here.
 */
class EmbeddedPostgresShutdownTest {

    static final List<String> ORDER = new ArrayList<>();

    /** Stands for the job executor and the engine: something that still writes while it shuts down. */
    record LastWriter(DataSource dataSource) implements DisposableBean {
        @Override
        public void destroy() {
            ORDER.add("writer closing, database answers " + JdbcClient.create(dataSource).sql("select 1").query(Integer.class).single());
        }
    }

    @Test
    void postgresStopsAfterThePoolAndEverythingUsingItAndHasNoHookOfItsOwn(@TempDir Path dataDir) {
        ORDER.clear();
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("casegrid.embedded-postgres.data-dir", dataDir.toString())));
        context.register(EmbeddedPostgresConfig.class);
        context.registerBean(LastWriter.class);
        context.refresh();
        EmbeddedPostgres postgres = context.getBean(EmbeddedPostgres.class);
        var pool = (com.zaxxer.hikari.HikariDataSource) context.getBean(DataSource.class);

        assertThat(ReflectionTestUtils.getField(postgres, "registerShutdownHook"))
                .as("a JVM hook of zonky's own would race Spring's").isEqualTo(false);

        context.close();

        assertThat(ORDER).containsExactly("writer closing, database answers 1");
        assertThat(pool.isClosed()).isTrue();
        assertThat(ReflectionTestUtils.getField(postgres, "closed")).hasToString("true");
    }
}
