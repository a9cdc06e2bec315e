package casegrid.notification;

import casegrid.item.RiskItemStore;
import casegrid.security.Groups;
import casegrid.web.ApiException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Failed notifications for administrators: GET /api/notifications/failed lists them (newest first,
 * without message bodies or addresses), POST /api/notifications/{id}/retry queues one again.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final JdbcClient jdbc;

    NotificationController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/failed")
    List<Map<String, Object>> failed(Authentication caller) {
        requireAdmin(caller);
        return jdbc.sql("""
                select id, kind, number, channel, recipient, priority, attempts, last_error as "lastError",
                       created_at as "createdAt", next_attempt_at as "failedAt"
                  from notification_outbox where status = 'FAILED' order by created_at desc, id desc limit 500""")
                .query().listOfRows();
    }

    @PostMapping("/{id}/retry")
    Map<String, Object> retry(@PathVariable long id, Authentication caller) {
        requireAdmin(caller);
        int queued = jdbc.sql("""
                update notification_outbox set status = 'PENDING', attempts = 0, next_attempt_at = ?, locked_by = null,
                       locked_until = null where id = ? and status = 'FAILED'""")
                .params(RiskItemStore.ts(ClockUtil.getCurrentTime()), id).update();
        if (queued == 0) {
            boolean exists = jdbc.sql("select count(*) from notification_outbox where id = ?").param(id)
                    .query(Integer.class).single() > 0;
            throw exists ? ApiException.conflict("该通知不是失败状态，无需重试（not failed）")
                    : ApiException.notFound("没有这条通知（unknown notification " + id + "）");
        }
        return Map.of("id", id, "status", "PENDING");
    }

    private static void requireAdmin(Authentication caller) {
        boolean admin = caller != null && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(Groups.CAMUNDA_ADMIN::equals);
        if (!admin) {
            throw ApiException.forbidden("通知投递情况仅向系统管理员开放（camunda-admin only）");
        }
    }
}
