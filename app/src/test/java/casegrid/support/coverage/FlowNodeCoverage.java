package casegrid.support.coverage;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The flow nodes the whole test run has passed, per process definition key, read from the engine's
 * history (ACT_HI_ACTINST). Collected after every test class rather than once at the end, so that
 * tests which delete history (housekeeping, purges) cannot hide what earlier classes covered.
 * {@link ProcessCoverageGateTest} compares it with the models under processes/.
 */
public final class FlowNodeCoverage {

    private static final Map<String, Set<String>> PASSED = new TreeMap<>();

    private FlowNodeCoverage() {
    }

    /** Adds every flow node recorded in this engine database's history; a plain-engine test may call it itself. */
    public static synchronized void record(DataSource engineDatabase) {
        new JdbcTemplate(engineDatabase).query(
                "select distinct proc_def_key_, act_id_ from act_hi_actinst where proc_def_key_ is not null",
                row -> {
                    // A multi-instance activity records its body as "<id>#multiInstanceBody" besides its instances.
                    String id = row.getString(2).replace("#multiInstanceBody", "");
                    PASSED.computeIfAbsent(row.getString(1), k -> new TreeSet<>()).add(id);
                });
    }

    static synchronized Set<String> passed(String processKey) {
        return Set.copyOf(PASSED.getOrDefault(processKey, Set.of()));
    }

    static synchronized boolean isEmpty() {
        return PASSED.isEmpty();
    }
}
