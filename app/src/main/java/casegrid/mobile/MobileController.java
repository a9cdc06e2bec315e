package casegrid.mobile;

import casegrid.access.ItemAccess;
import casegrid.access.Scope;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import casegrid.item.ItemStatus;
import casegrid.item.Overdue;
import casegrid.ledger.LedgerLabels;
import casegrid.org.OrgDirectory;
import casegrid.org.OrgSync;
import casegrid.security.Groups;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The grid workers' intake page {@code /m} and the two reads it needs beyond the intake API: the
 * choices of its form for the caller ({@code /api/mobile/options}) and the caller's own reports
 * ({@code /api/mobile/reports}). The page itself is a static shell holding no data, like Tasklist's
 * own index page: it signs in through Tasklist's login (the same session) and then reads the API.
 */
@RestController
class MobileController {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    /** "我的上报" lists the latest reports; older ones are in the ledger. */
    static final int MY_REPORTS = 50;

    private final ItemAccess access;
    private final OrgDirectory org;
    private final JdbcClient jdbc;
    private final IdentityService identityService;
    private final ReferenceData reference;
    private final String page;

    MobileController(ItemAccess access, OrgDirectory org, JdbcClient jdbc, IdentityService identityService,
                     ReferenceData reference) {
        this.reference = reference;
        this.access = access;
        this.org = org;
        this.jdbc = jdbc;
        this.identityService = identityService;
        try (InputStream in = new ClassPathResource("static/m/index.html").getInputStream()) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping({"/m", "/m/"})
    ResponseEntity<String> page() {
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noStore()).body(page);
    }

    record Option(String code, String name) {
    }

    record CommunityOption(String code, String name, List<Option> grids) {
    }

    record CategoryOption(String code, String name, List<String> subcategories) {
    }

    record Options(String userId, String userName, String defaultCommunity, String defaultSource,
                   List<CommunityOption> communities, List<CategoryOption> categories, List<Option> sources) {
    }

    /** The form's choices: the communities the caller may report in (their own first) and the codes in Chinese. */
    @GetMapping("/api/mobile/options")
    Options options(Authentication caller) {
        Scope scope = access.scope(caller);
        Map<String, List<Option>> grids = new java.util.HashMap<>();
        org.grids().forEach(g -> grids.computeIfAbsent(g.communityCode(), k -> new ArrayList<>()).add(new Option(g.code(), g.name())));
        List<CommunityOption> communities = org.communities().stream()
                .filter(c -> access.policy().mayReportIn(scope, c.code()))
                .map(c -> new CommunityOption(c.code(), c.name(), grids.getOrDefault(c.code(), List.of())))
                .toList();
        List<String> groups = ItemAccess.groups(caller);
        // Preselected: the community whose area group the caller belongs to (a grid worker's, a community's staff);
        // the street centre and departments, who report anywhere in their street, choose.
        String own = groups.stream().filter(Groups::isCommunityArea).map(g -> g.substring(Groups.COMMUNITY_PREFIX.length()))
                .filter(code -> communities.stream().anyMatch(c -> c.code().equals(code)))
                .findFirst().orElse(communities.size() == 1 ? communities.get(0).code() : null);
        String source = groups.contains(Groups.GRID_WORKERS) ? "GRID_SURVEY"
                : groups.stream().anyMatch(Groups::isCommunityArea) ? "COMMUNITY_CHECK" : "OTHER";
        // The codes in use now (/admin/reference): active categories with their suggested subcategories, active sources.
        Map<String, List<String>> subcategories = new java.util.HashMap<>();
        reference.all(Kind.SUBCATEGORY).stream().filter(ReferenceData.Code::active)
                .forEach(c -> subcategories.computeIfAbsent(c.parentCode(), k -> new java.util.ArrayList<>()).add(c.name()));
        List<CategoryOption> categories = reference.active(Kind.CATEGORY).entrySet().stream()
                .map(e -> new CategoryOption(e.getKey(), e.getValue(), subcategories.getOrDefault(e.getKey(), List.of())))
                .toList();
        List<Option> sources = reference.active(Kind.SOURCE).entrySet().stream()
                .filter(e -> !"PLATFORM".equals(e.getKey()))
                .map(e -> new Option(e.getKey(), e.getValue())).toList();
        return new Options(caller.getName(), displayName(caller.getName()), own, source, communities, categories, sources);
    }

    /**
     * @param nextDeadline the earliest deadline still ahead of the item (or already missed) while it is open
     */
    record MyReport(String number, String title, String status, String statusName, String riskLevel,
                    String riskLevelName, Date reportedAt, Date nextDeadline, String nextDeadlineName,
                    boolean overdue, String link) {
    }

    /** The caller's own reports, newest first: what became of them and what is due next. */
    @GetMapping("/api/mobile/reports")
    List<MyReport> myReports(Authentication caller) {
        return jdbc.sql("select r.*, " + Overdue.of("r") + " as overdue_now from risk_item r"
                        + " where r.reported_by = :me order by r.reported_at desc, r.number desc limit " + MY_REPORTS)
                .params(Overdue.params()).param("me", caller.getName())
                .query(MobileController::report).list();
    }

    private static MyReport report(ResultSet r, int row) throws SQLException {
        String status = r.getString("status");
        String level = r.getString("risk_level");
        boolean open = ItemStatus.of(status).isOpen();
        record Due(String name, Timestamp at) {
        }
        List<Due> due = new ArrayList<>();
        if (open) {
            if (r.getTimestamp("feedback_at") == null) {
                due.add(new Due("T+2 反馈", r.getTimestamp("feedback_due")));
            }
            due.add(new Due("周调更新", r.getTimestamp("weekly_update_due")));
            due.add(new Due("办结期限", r.getTimestamp("resolve_by")));
        }
        Due next = due.stream().filter(d -> d.at() != null).min(Comparator.comparing(Due::at)).orElse(null);
        return new MyReport(r.getString("number"), r.getString("title"), status, LedgerLabels.Names.status(status),
                level, LedgerLabels.Names.level(level), r.getTimestamp("reported_at"),
                next == null ? null : next.at(), next == null ? null : next.name(), r.getBoolean("overdue_now"),
                "/items/" + r.getString("number"));
    }

    private String displayName(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            return userId;
        }
        return OrgSync.printedName(user);
    }
}
