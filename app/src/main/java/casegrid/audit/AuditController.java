package casegrid.audit;

import casegrid.access.ItemAccess;
import casegrid.access.Scope;
import casegrid.ledger.ReadAudit;
import casegrid.org.OrgData;
import casegrid.org.Office;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who read what, and who was refused (access_audit): GET /api/audit, newest first and paged, and
 * GET /api/audit/export as .xlsx. Only {@code Groups.AUDIT_READERS} (SecurityConfig); reading the
 * audit is itself audited.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final int EXPORT_LIMIT = 100_000;
    static final String SELECT = "select a.id, a.at, a.user_id, a.number, a.action, a.status, a.method, a.path, a.detail"
            + " from access_audit a where ";
    static final String ORDER = " order by a.at desc, a.id desc";

    private final JdbcClient jdbc;
    private final ReadAudit audit;
    private final AuditExport export;
    private final ItemAccess access;

    AuditController(JdbcClient jdbc, ReadAudit audit, AuditExport export, ItemAccess access) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.export = export;
        this.access = access;
    }

    /**
     * The caller's part of the audit: everything for the administrator (and a street's leaders while their
     * street is the only one); otherwise a street's leaders read the rows about their street's items and the
     * rows of their street's people (docs/streets.md), never another street's.
     */
    private String where(AuditQuery query, Authentication caller, Map<String, Object> params) {
        String where = query.where(params);
        Scope scope = access.scope(caller);
        if (scope.everyCommunity()) {
            return where;
        }
        OrgData org = OrgData.read(jdbc);
        Set<String> groups = new HashSet<>();
        scope.streets().forEach(street -> groups.addAll(org.streetGroups(street).keySet()));
        params.put("audit_street_communities", scope.streetCommunities().isEmpty() ? List.of("") : scope.streetCommunities());
        params.put("audit_street_groups", groups.isEmpty() ? List.of("") : groups);
        return "(" + where + ") and (a.number in (select r.number from risk_item r where r.community in (:audit_street_communities))"
                + " or a.user_id in (select pg.user_id from person_group pg where pg.group_id in (:audit_street_groups)))";
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String user, @RequestParam(required = false) String item,
                             @RequestParam(required = false) String action, @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "50") int size, Authentication caller) {
        List<FieldProblem> problems = new ArrayList<>();
        if (page < 0) {
            problems.add(new FieldProblem("page", "不能为负数"));
        }
        if (size < 1 || size > 500) {
            problems.add(new FieldProblem("size", "应在 1 到 500 之间"));
        }
        AuditQuery query;
        try {
            query = AuditQuery.parse(user, item, action, from, to);
        } catch (InvalidRequestException e) {
            problems.addAll(0, e.problems());
            throw new InvalidRequestException(problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, caller, params);
        long total = jdbc.sql("select count(*) from access_audit a where " + where).params(params).query(Long.class).single();
        params.put("page_size", size);
        params.put("page_offset", (long) page * size);
        List<Map<String, Object>> rows = jdbc.sql(SELECT + where + ORDER + " limit :page_size offset :page_offset")
                .params(params).query().listOfRows();
        audit.record(caller.getName(), null, ReadAudit.LIST_AUDIT,
                query.describe() + " page=" + page + " size=" + size + " rows=" + rows.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("page", page);
        answer.put("size", size);
        answer.put("total", total);
        answer.put("items", rows.stream().map(AuditController::view).toList());
        return answer;
    }

    /** Parameters and size are checked before the first byte is sent, so a bad one is still a 400 problem. */
    @GetMapping("/export")
    void export(@RequestParam(required = false) String user, @RequestParam(required = false) String item,
                @RequestParam(required = false) String action, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, Authentication caller, HttpServletResponse response)
            throws IOException {
        AuditQuery query = AuditQuery.parse(user, item, action, from, to);
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, caller, params);
        long total = jdbc.sql("select count(*) from access_audit a where " + where).params(params).query(Long.class).single();
        if (total > EXPORT_LIMIT) {
            throw InvalidRequestException.of("from", "导出最多 " + EXPORT_LIMIT + " 条（共 " + total + " 条）：请缩小日期范围");
        }
        List<Map<String, Object>> rows = jdbc.sql(SELECT + where + ORDER).params(params).query().listOfRows();
        String file = "访问审计-" + DateTimeFormatter.BASIC_ISO_DATE.format(
                ClockUtil.getCurrentTime().toInstant().atZone(Office.ZONE)) + ".xlsx";
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(file, StandardCharsets.UTF_8).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        export.write(rows, response.getOutputStream());
        audit.record(caller.getName(), null, ReadAudit.EXPORT_AUDIT, query.describe() + " rows=" + rows.size());
    }

    static OffsetDateTime at(Object value) {
        return value == null ? null
                : ((Timestamp) value).toInstant().atZone(Office.ZONE).toOffsetDateTime();
    }

    private static Map<String, Object> view(Map<String, Object> row) {
        Map<String, Object> view = new LinkedHashMap<>();
        String action = (String) row.get("action");
        view.put("id", row.get("id"));
        view.put("at", at(row.get("at")));
        view.put("user", row.get("user_id"));
        view.put("item", row.get("number"));
        view.put("action", action);
        view.put("actionLabel", ReadAudit.LABELS.getOrDefault(action, action));
        view.put("status", row.get("status"));
        view.put("method", row.get("method"));
        view.put("path", row.get("path"));
        view.put("detail", row.get("detail"));
        return view;
    }
}
