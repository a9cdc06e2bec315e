package casegrid.outbox;

import casegrid.item.RiskItemStore;
import casegrid.security.Groups;
import casegrid.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * What administrators do with an outbox's failed rows, the same for every outbox: only
 * {@code camunda-admin} may look, and a FAILED row is queued again with its attempts reset.
 */
public final class OutboxAdmin {

    private static final Pattern TABLE = Pattern.compile("[a-z_]+");

    private final JdbcClient jdbc;
    private final String table;
    private final String what;

    /** @param what the row's name in messages, e.g. "通知" */
    public OutboxAdmin(JdbcClient jdbc, String table, String what) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table: " + table);
        }
        this.jdbc = jdbc;
        this.table = table;
        this.what = what;
    }

    /** The FAILED rows as {@code select} (a constant query of the owner's) lists them, for administrators only. */
    public List<Map<String, Object>> failed(Authentication caller, String select) {
        requireAdmin(caller);
        return jdbc.sql(select).query().listOfRows();
    }

    private void requireAdmin(Authentication caller) {
        boolean admin = caller != null && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(Groups.CAMUNDA_ADMIN::equals);
        if (!admin) {
            throw ApiException.forbidden(what + "投递情况仅向系统管理员开放（camunda-admin only）");
        }
    }

    /** Queues a FAILED row again, for administrators only: 404 for an unknown id, 409 for a row that has not failed. */
    public Map<String, Object> retry(Authentication caller, long id) {
        requireAdmin(caller);
        int queued = jdbc.sql("""
                update %s set status = 'PENDING', attempts = 0, next_attempt_at = ?, locked_by = null,
                       locked_until = null where id = ? and status = 'FAILED'""".formatted(table))
                .params(RiskItemStore.ts(ClockUtil.getCurrentTime()), id).update();
        if (queued == 0) {
            boolean exists = jdbc.sql("select count(*) from %s where id = ?".formatted(table)).param(id)
                    .query(Integer.class).single() > 0;
            throw exists ? ApiException.conflict("该" + what + "不是失败状态，无需重试（not failed）")
                    : ApiException.notFound("没有这条" + what + "（unknown " + table + " row " + id + "）");
        }
        return Map.of("id", id, "status", "PENDING");
    }
}
