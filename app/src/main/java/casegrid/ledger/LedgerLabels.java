package casegrid.ledger;

import casegrid.item.Codes;
import casegrid.org.OrgDirectory;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Chinese names for what the ledgers print: statuses, communities, responsible units, people and the
 * reference codes (categories, sources, closure outcomes, from the reference table, renamed ones by their new name).
 * Read once per request or export (the organisation is small), never per row.
 */
@Component
public class LedgerLabels {

    /** A snapshot of the names for one request. */
    public record Names(Map<String, String> communities, Map<String, String> units, Map<String, String> people,
                        Map<Kind, Map<String, String>> codes) {

        /** The reference code's name (deactivated ones too), or the code itself when the table has none. */
        public String code(Kind kind, String code) {
            return code == null ? null : codes.getOrDefault(kind, Map.of()).getOrDefault(code, code);
        }

        public String community(String code) {
            return code == null ? null : communities.getOrDefault(code, code);
        }

        public String unit(String code) {
            return code == null ? null : units.getOrDefault(code, code);
        }

        /** "福寿社区工作人员（c03-staff）": the name for readers, the id for accountability. */
        public String person(String userId) {
            if (userId == null || userId.isBlank()) {
                return null;
            }
            String name = people.get(userId);
            return name == null ? userId : name + "（" + userId + "）";
        }

        public static String status(String code) {
            return code == null ? null : Codes.STATUSES.getOrDefault(code, code);
        }

        public static String level(String code) {
            return code == null ? null : Codes.LEVELS.getOrDefault(code, code);
        }
    }

    private final OrgDirectory org;
    private final JdbcClient jdbc;
    private final ReferenceData reference;

    public LedgerLabels(OrgDirectory org, JdbcClient jdbc, ReferenceData reference) {
        this.reference = reference;
        this.org = org;
        this.jdbc = jdbc;
    }

    public Names names() {
        Map<String, String> communities = new HashMap<>();
        org.communities().forEach(c -> communities.put(c.code(), c.name()));
        Map<String, String> units = org.unitNames();
        // The engine's identity tables, read directly: the API caller may lack the engine's READ on
        // users, and names are printed for accountability, not for access. An external identity
        // provider (LDAP) leaves this empty and the ledgers print user ids.
        Map<String, String> people = new HashMap<>();
        jdbc.sql("select id_, coalesce(first_, '') || coalesce(last_, '') from act_id_user")
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> people.put(rs.getString(1), rs.getString(2)));
        people.values().removeIf(String::isBlank);
        return new Names(communities, units, people, reference.names());
    }
}
