package casegrid.reference;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reference data (reference_code, resolution_target): the codes intake accepts, the forms offer
 * and the ledgers print, and the resolution targets the reports measure against. Read from the tables
 * on every call (a handful of rows), so an administrator's change on /admin/reference holds at once on
 * every node, without a rebuild or a restart.
 */
@Component
public class ReferenceData {

    /** The kinds of reference code. */
    public enum Kind {
        CATEGORY("类别"), SUBCATEGORY("细类"), SOURCE("来源渠道"), CLOSURE_OUTCOME("化解结果"),
        /** Where a matter outside the street's authority or area is transferred (移交): mostly district bodies. */
        TRANSFER_BODY("移交单位");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Code(String kind, String code, String name, String parentCode, int sortOrder, boolean active) {
    }

    private final JdbcClient jdbc;

    public ReferenceData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every code of the kind, active or not, in display order. */
    public List<Code> all(Kind kind) {
        return jdbc.sql("select kind, code, name, parent_code, sort_order, active from reference_code where kind = ?"
                        + " order by parent_code nulls first, sort_order, code")
                .param(kind.name()).query(Code.class).list();
    }

    /** The active codes of the kind → their names, in display order: what forms offer and intake accepts. */
    public Map<String, String> active(Kind kind) {
        return names(kind, true);
    }

    /** Every code of the kind → its name, deactivated ones included: what a ledger prints for an old item. */
    public Map<String, String> names(Kind kind) {
        return names(kind, false);
    }

    /** Every kind's codes → names, deactivated ones included, in one read: for a ledger or an export that prints several kinds. */
    public Map<Kind, Map<String, String>> names() {
        Map<Kind, Map<String, String>> names = new java.util.EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            names.put(kind, new LinkedHashMap<>());
        }
        jdbc.sql("select kind, code, name from reference_code order by parent_code nulls first, sort_order, code")
                .query((RowCallbackHandler) rs -> {
                    Map<String, String> ofKind = names.get(kindOrNull(rs.getString(1)));
                    if (ofKind != null) {
                        ofKind.put(rs.getString(2), rs.getString(3));
                    }
                });
        return names;
    }

    private static Kind kindOrNull(String kind) {
        for (Kind k : Kind.values()) {
            if (k.name().equals(kind)) {
                return k;
            }
        }
        return null;
    }

    public boolean isActive(Kind kind, String code) {
        return code != null && jdbc.sql("select count(*) from reference_code where kind = ? and code = ? and active")
                .params(kind.name(), code).query(Integer.class).single() > 0;
    }

    /** The code's name, or the code itself when the table has none (a code kept by an item after a rename of its row). */
    public String name(Kind kind, String code) {
        if (code == null) {
            return null;
        }
        return jdbc.sql("select name from reference_code where kind = ? and code = ?").params(kind.name(), code)
                .query(String.class).optional().orElse(code);
    }

    public Optional<Code> find(Kind kind, String code) {
        return jdbc.sql("select kind, code, name, parent_code, sort_order, active from reference_code where kind = ? and code = ?")
                .params(kind.name(), code).query(Code.class).optional();
    }

    /** The resolution target per risk level (HIGH, MEDIUM, LOW) as a fraction, e.g. 0.900. */
    public Map<String, BigDecimal> targets() {
        Map<String, BigDecimal> targets = new LinkedHashMap<>();
        jdbc.sql("select risk_level, target from resolution_target")
                .query((RowCallbackHandler) rs -> targets.put(rs.getString(1), rs.getBigDecimal(2)));
        return targets;
    }

    public BigDecimal target(String level) {
        BigDecimal target = targets().get(level);
        if (target == null) {
            throw new IllegalStateException("resolution_target has no row for " + level);
        }
        return target;
    }

    private Map<String, String> names(Kind kind, boolean activeOnly) {
        Map<String, String> names = new LinkedHashMap<>();
        jdbc.sql("select code, name from reference_code where kind = ?" + (activeOnly ? " and active" : "")
                        + " order by parent_code nulls first, sort_order, code")
                .param(kind.name()).query((RowCallbackHandler) rs -> names.put(rs.getString(1), rs.getString(2)));
        return names;
    }
}
