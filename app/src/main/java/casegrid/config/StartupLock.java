package casegrid.config;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Serialises start-up set-up work across nodes sharing one database: a PostgreSQL advisory lock
 * held until the surrounding transaction ends, so the second node finds the first one's work.
 */
public final class StartupLock {

    private static final long KEY = 0x6361736567726964L; // "casegrid"

    public static void acquire(JdbcClient jdbc) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(KEY).query().singleRow();
    }

    private StartupLock() {
    }
}
