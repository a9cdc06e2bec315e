package casegrid.mobile;

import casegrid.access.ItemAccess;
import casegrid.access.Scope;
import casegrid.item.Codes;
import casegrid.item.ItemStatus;
import casegrid.item.Overdue;
import casegrid.ledger.LedgerLabels;
import casegrid.org.OrgDirectory;
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
import java.util.Objects;
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

    /** Suggestions for the free subcategory, from the default categories of DOMAIN.md. */
    static final Map<String, List<String>> SUBCATEGORIES = Map.of(
            "DISPUTE", List.of("婚姻家庭", "邻里纠纷", "借贷债务", "劳动薪资", "医疗纠纷", "物业管理", "土地房屋"),
            "PUBLIC_ORDER", List.of("重点场所（市场、出租屋、小旅馆、闲置楼宇）", "危险物品", "盗抢骗高发点"),
            "PUBLIC_SAFETY", List.of("道路交通", "消防安全", "护校安园", "寄递物流安全"),
            "GROUP_CLAIM", List.of("欠薪", "非法集资受损", "房屋逾期交付"),
            "SUPPORT", List.of("严重精神障碍患者监护缺失", "心理危机", "刑满释放人员安置帮教", "社区矫正", "青少年保护与校园欺凌"),
            "ONLINE_CRIME", List.of("电信网络诈骗", "网络赌博", "网络高利贷"),
            "VIOLENCE_RISK", List.of("扬言报复", "家庭暴力", "矛盾激化有暴力倾向"));

    private final ItemAccess access;
    private final OrgDirectory org;
    private final JdbcClient jdbc;
    private final IdentityService identityService;
    private final String page;

    MobileController(ItemAccess access, OrgDirectory org, JdbcClient jdbc, IdentityService identityService) {
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
        List<CommunityOption> communities = org.communities().stream()
                .filter(c -> access.policy().mayReportIn(scope, c.code()))
                .map(c -> new CommunityOption(c.code(), c.name(), grids(c.code())))
                .toList();
        String own = scope.reportAreas().stream().filter(code -> communities.stream().anyMatch(c -> c.code().equals(code)))
                .findFirst().orElse(communities.size() == 1 ? communities.get(0).code() : null);
        List<String> groups = ItemAccess.groups(caller);
        String source = groups.contains(Groups.GRID_WORKERS) ? "GRID_SURVEY"
                : groups.stream().anyMatch(Groups::isCommunityArea) ? "COMMUNITY_CHECK" : "OTHER";
        List<CategoryOption> categories = Codes.CATEGORIES.entrySet().stream()
                .map(e -> new CategoryOption(e.getKey(), e.getValue(), SUBCATEGORIES.getOrDefault(e.getKey(), List.of())))
                .toList();
        List<Option> sources = Codes.SOURCES.entrySet().stream()
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

    private List<Option> grids(String community) {
        return jdbc.sql("select code, name from grid where community_code = ? order by code").param(community)
                .query(Option.class).list();
    }

    private String displayName(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            return userId;
        }
        String name = (Objects.toString(user.getFirstName(), "") + Objects.toString(user.getLastName(), "")).trim();
        return name.isEmpty() ? userId : name;
    }
}
