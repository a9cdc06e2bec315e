package casegrid.org;

import static casegrid.org.OrgWorkbook.*;
import static casegrid.security.Groups.*;

import casegrid.config.StartupLock;
import casegrid.org.OrgData.Community;
import casegrid.org.OrgData.Department;
import casegrid.org.OrgData.Grid;
import casegrid.org.OrgData.Person;
import casegrid.org.OrgData.Street;
import casegrid.org.OrgData.Supervision;
import casegrid.org.OrgWorkbook.Line;
import casegrid.org.OrgWorkbook.Problem;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports the organisation from its xlsx (OrgWorkbook; rules in docs/organisation.md). The whole file
 * is checked before anything is written, and every problem is reported by sheet, line and column;
 * then it is applied in one transaction (tables, then Camunda through OrgSync), all or nothing.
 *
 * <p>A file covers the streets of its 街道 sheet: for those streets it is the whole truth. Units of
 * theirs that the file no longer lists are removed (refused while items use them); people who held
 * one of their groups and are no longer listed lose those groups, and are disabled (never deleted)
 * when none are left. Other streets, and people who belong to none of the file's streets, are left
 * as they are. Importing the same file again changes nothing.
 */
@Service
public class OrgImport {

    static final Pattern STREET_CODE = Pattern.compile("[A-Za-z0-9_]{1,32}");
    static final Pattern PREFIX = Pattern.compile("[A-Z0-9]{1,8}");
    static final Pattern GROUP_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    static final Pattern COMMUNITY_CODE = Pattern.compile("[A-Za-z0-9]{1,8}");
    static final Pattern GRID_CODE = Pattern.compile("[A-Za-z0-9]+(-[A-Za-z0-9]+)+");
    static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern MOBILE = Pattern.compile("1\\d{10}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ROLE_SEPARATOR = Pattern.compile("[;；,，、\\r\\n]+");
    /** The kinds of row counted in a report, in the order the page shows them. */
    public static final List<String> KINDS = List.of(STREETS, SUPERVISIONS, COMMUNITIES, GRIDS, DEPARTMENTS, PEOPLE);

    public record Counts(int added, int changed, int unchanged, int removed) {
        public int changes() {
            return added + changed + removed;
        }
    }

    /** A new (or re-enabled) account; {@code password} only in the result of an applied import, once. */
    public record NewAccount(String userId, String name, String password) {
    }

    /**
     * What an import does or did. {@code applied}: written (false for a dry run or a refused file).
     * {@code disabled}: people who lost every group and were disabled.
     */
    public record Report(boolean valid, boolean applied, List<String> streets, List<Problem> problems,
                         Map<String, Counts> counts, List<NewAccount> newAccounts, List<String> disabled) {
        public int changes() {
            return counts.values().stream().mapToInt(Counts::changes).sum();
        }
    }

    /** Thrown by {@link #apply} for a file with problems: nothing was written. */
    public static class RefusedFile extends RuntimeException {
        private final transient Report report;

        RefusedFile(Report report) {
            super(report.problems().size() + " problems in the organisation file");
            this.report = report;
        }

        public Report report() {
            return report;
        }
    }

    private final JdbcClient jdbc;
    private final OrgSync sync;
    private final IdentityService identityService;

    public OrgImport(JdbcClient jdbc, OrgSync sync, IdentityService identityService) {
        this.jdbc = jdbc;
        this.sync = sync;
        this.identityService = identityService;
    }

    /** The dry run: what importing the file would do, and every problem. Writes nothing. */
    @Transactional(readOnly = true)
    public Report check(byte[] file) {
        Plan plan = plan(file);
        return plan.report(false, List.of());
    }

    /**
     * Imports the file, all or nothing. {@code passwords}: the initial password of an account created
     * (or re-enabled) by this import, from its user id.
     */
    @Transactional
    public Report apply(byte[] file, Function<String, String> passwords) {
        StartupLock.acquire(jdbc);
        Plan plan = plan(file);
        if (!plan.problems.isEmpty()) {
            throw new RefusedFile(plan.report(false, List.of()));
        }
        write(plan);
        // The caller was authorised for the import as a whole (camunda-admin, SecurityConfig); the engine's
        // identity work then runs as the app, like the start-up sync (unbounded queries over all grants).
        var caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return applyToCamunda(plan, passwords);
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    private Report applyToCamunda(Plan plan, Function<String, String> passwords) {
        Map<String, String> initial = new LinkedHashMap<>();
        List<NewAccount> accounts = new ArrayList<>();
        for (String id : plan.newAccounts) {
            String password = passwords.apply(id);
            initial.put(id, password);
            accounts.add(new NewAccount(id, plan.desiredPeople.get(id).name(), password));
        }
        for (String id : plan.disabled) {
            // A disabled account keeps its history but can no longer sign in: its password becomes one nobody knows.
            var user = identityService.createUserQuery().userId(id).singleResult();
            if (user != null) {
                user.setPassword(OrgSync.unknowablePassword());
                identityService.saveUser(user);
            }
        }
        for (String group : plan.removedGroups) {
            identityService.deleteGroup(group);
        }
        sync.synchronise(initial);
        return plan.report(true, accounts);
    }

    /** Everything the file would change, with every problem found. */
    private final class Plan {
        final List<Problem> problems = new ArrayList<>();
        final Map<String, Counts> counts = new LinkedHashMap<>();
        final OrgData current;
        final Set<String> covered = new LinkedHashSet<>();
        final Map<String, Street> streets = new LinkedHashMap<>();
        final Map<String, Supervision> supervisions = new LinkedHashMap<>();
        final Map<String, Community> communities = new LinkedHashMap<>();
        final Map<String, Grid> grids = new LinkedHashMap<>();
        final Map<String, Department> departments = new LinkedHashMap<>();
        final Map<String, Person> desiredPeople = new LinkedHashMap<>();
        final Map<String, Person> changedPeople = new LinkedHashMap<>();
        final List<String> removedSupervisions = new ArrayList<>();
        final List<String> removedCommunities = new ArrayList<>();
        final List<String> removedGrids = new ArrayList<>();
        final List<String> removedDepartments = new ArrayList<>();
        final List<String> newAccounts = new ArrayList<>();
        final List<String> disabled = new ArrayList<>();
        final Set<String> removedGroups = new LinkedHashSet<>();

        Plan(OrgData current) {
            this.current = current;
        }

        void problem(Line line, String column, String message) {
            problems.add(new Problem(line.sheet(), line.line(), column, message));
        }

        Report report(boolean applied, List<NewAccount> accounts) {
            boolean valid = problems.isEmpty();
            List<NewAccount> shown = applied ? accounts
                    : newAccounts.stream().map(id -> new NewAccount(id, desiredPeople.get(id).name(), null)).toList();
            return new Report(valid, applied, List.copyOf(covered), List.copyOf(problems),
                    valid ? counts : Map.of(), valid ? shown : List.of(), valid ? List.copyOf(disabled) : List.of());
        }
    }

    private Plan plan(byte[] file) {
        OrgWorkbook.Parsed parsed = OrgWorkbook.read(new ByteArrayInputStream(file));
        Plan plan = new Plan(OrgData.read(jdbc));
        plan.problems.addAll(parsed.problems());
        if (!parsed.problems().isEmpty()) {
            return plan;
        }
        OrgData current = plan.current;
        List<Line> streetLines = parsed.sheets().get(STREETS);
        if (streetLines.isEmpty()) {
            plan.problems.add(new Problem(STREETS, 0, "", "“街道”表至少要有一行：文件只对其中列出的街道生效"));
        }
        streetLines.forEach(l -> plan.covered.add(l.get("编码")));
        Set<String> covered = plan.covered;

        // Group ids already taken by what the file does not cover: fixed groups, other streets' units.
        Map<String, String> takenGroups = new HashMap<>();
        OrgData.FIXED_GROUPS.keySet().forEach(g -> takenGroups.put(g, "系统固定组"));
        for (Street s : current.streets()) {
            if (!covered.contains(s.code())) {
                current.streetGroups(s.code()).keySet().forEach(g -> takenGroups.put(g, "街道 " + s.code()));
            }
        }
        Map<String, Line> claimed = new HashMap<>();

        // 街道
        Map<String, Street> otherStreets = current.streets().stream().filter(s -> !covered.contains(s.code()))
                .collect(Collectors.toMap(Street::code, s -> s));
        Set<String> prefixes = new HashSet<>();
        Set<String> seenStreets = new HashSet<>();
        for (Line l : streetLines) {
            String code = l.get("编码");
            boolean ok = required(plan, l, "编码") && matches(plan, l, "编码", STREET_CODE, "只能由字母、数字或下划线组成，不能含“-”，最长32位");
            ok &= name(plan, l, "名称");
            String prefix = l.get("编号前缀");
            ok &= required(plan, l, "编号前缀") && matches(plan, l, "编号前缀", PREFIX, "应为1至8位大写字母或数字，如 QF");
            if (!prefix.isEmpty() && (!prefixes.add(prefix) || otherStreets.values().stream().anyMatch(s -> s.numberPrefix().equals(prefix)))) {
                plan.problem(l, "编号前缀", "编号前缀 " + prefix + " 已被其他街道使用");
                ok = false;
            }
            for (String column : List.of("综治中心组", "领导组")) {
                ok &= groupId(plan, l, column, null, takenGroups, claimed);
            }
            if (!code.isEmpty() && !seenStreets.add(code)) {
                plan.problem(l, "编码", "街道编码 " + code + " 在本表中重复（第" + lineOf(streetLines, code) + "行）");
                ok = false;
            }
            if (ok) {
                plan.streets.put(code, new Street(code, l.get("名称"), prefix, l.get("综治中心组"), l.get("领导组")));
            }
        }

        // 督导组
        for (Line l : parsed.sheets().get(SUPERVISIONS)) {
            String code = l.get("编码");
            boolean ok = required(plan, l, "编码") && groupId(plan, l, "编码", SUPERVISION_PREFIX, takenGroups, claimed);
            ok &= fits(plan, l, "编码", 32) & name(plan, l, "名称") & streetOf(plan, l, "所属街道");
            if (ok) {
                plan.supervisions.put(code, new Supervision(code, l.get("名称"), l.get("所属街道")));
            }
        }

        // 社区
        Set<String> otherCommunities = current.communities().stream().filter(c -> !covered.contains(c.street()))
                .map(Community::code).collect(Collectors.toSet());
        for (Line l : parsed.sheets().get(COMMUNITIES)) {
            String code = l.get("编码");
            boolean ok = required(plan, l, "编码");
            if (ok && code.contains("-")) {
                plan.problem(l, "编码", "社区编码 " + code + " 不能含“-”（社区的组编号 community-编码-leaders 靠它区分）");
                ok = false;
            } else if (ok) {
                ok = matches(plan, l, "编码", COMMUNITY_CODE, "应为1至8位字母或数字，如 C01");
            }
            if (ok && (plan.communities.containsKey(code) || otherCommunities.contains(code))) {
                plan.problem(l, "编码", plan.communities.containsKey(code) ? "社区编码 " + code + " 在本表中重复"
                        : "社区编码 " + code + " 已被其他街道使用（社区编码全系统唯一）");
                ok = false;
            }
            ok &= name(plan, l, "名称") & streetOf(plan, l, "所属街道");
            String supervision = l.get("督导组");
            if (required(plan, l, "督导组")) {
                Supervision s = plan.supervisions.get(supervision);
                if (s == null) {
                    plan.problem(l, "督导组", "督导组 " + supervision + " 不在“督导组”表中");
                    ok = false;
                } else if (!s.street().equals(l.get("所属街道"))) {
                    plan.problem(l, "督导组", "督导组 " + supervision + " 属于街道 " + s.street() + "，不是本社区的街道");
                    ok = false;
                }
            } else {
                ok = false;
            }
            if (ok) {
                plan.communities.put(code, new Community(code, l.get("名称"), l.get("所属街道"), supervision));
                for (String group : List.of(community(code), communityStaff(code), communityLeaders(code))) {
                    takenGroups.putIfAbsent(group, "社区 " + code);
                }
            }
        }

        // 网格
        Set<String> otherGrids = current.grids().stream().filter(g -> !covered.contains(streetOfCommunity(current, g.community())))
                .map(Grid::code).collect(Collectors.toSet());
        for (Line l : parsed.sheets().get(GRIDS)) {
            String code = l.get("编码");
            String community = l.get("所属社区");
            boolean ok = required(plan, l, "编码") && fits(plan, l, "编码", 16)
                    && matches(plan, l, "编码", GRID_CODE, "应为“社区编码-网格号”，如 C01-G1");
            if (required(plan, l, "所属社区")) {
                if (!plan.communities.containsKey(community)) {
                    plan.problem(l, "所属社区", "社区 " + community + " 不在“社区”表中");
                    ok = false;
                } else if (ok && !code.startsWith(community + "-")) {
                    plan.problem(l, "编码", "网格编码 " + code + " 应以所属社区编码 " + community + "- 开头");
                    ok = false;
                }
            } else {
                ok = false;
            }
            if (ok && (plan.grids.containsKey(code) || otherGrids.contains(code))) {
                plan.problem(l, "编码", plan.grids.containsKey(code) ? "网格编码 " + code + " 在本表中重复" : "网格编码 " + code + " 已被其他街道使用");
                ok = false;
            }
            ok &= name(plan, l, "名称");
            if (ok) {
                plan.grids.put(code, new Grid(code, l.get("名称"), community));
            }
        }

        // 部门
        for (Line l : parsed.sheets().get(DEPARTMENTS)) {
            String code = l.get("编码");
            boolean ok = required(plan, l, "编码") && groupId(plan, l, "编码", DEPARTMENT_PREFIX, takenGroups, claimed);
            ok &= fits(plan, l, "编码", 32) & name(plan, l, "名称") & streetOf(plan, l, "所属街道");
            if (ok) {
                plan.departments.put(code, new Department(code, l.get("名称"), l.get("所属街道")));
            }
        }

        // The organisation after the import: the file's streets as the file says, the others as they are.
        OrgData after = new OrgData(
                concat(current.streets().stream().filter(s -> !covered.contains(s.code())).toList(), plan.streets.values()),
                concat(current.supervisions().stream().filter(s -> !covered.contains(s.street())).toList(), plan.supervisions.values()),
                concat(current.communities().stream().filter(c -> !covered.contains(c.street())).toList(), plan.communities.values()),
                concat(current.grids().stream().filter(g -> otherGrids.contains(g.code())).toList(), plan.grids.values()),
                concat(current.departments().stream().filter(d -> !covered.contains(d.street())).toList(), plan.departments.values()),
                List.of());
        Map<String, String> groupsAfter = after.groups();
        Map<String, List<String>> idsByName = new HashMap<>();
        groupsAfter.forEach((id, name) -> idsByName.computeIfAbsent(name, k -> new ArrayList<>()).add(id));
        Set<String> coveredBefore = new HashSet<>();
        covered.forEach(s -> coveredBefore.addAll(current.streetGroups(s).keySet()));
        Set<String> coveredAfter = new HashSet<>();
        covered.forEach(s -> coveredAfter.addAll(after.streetGroups(s).keySet()));

        // 人员
        Map<String, Person> currentPeople = current.people().stream().collect(Collectors.toMap(Person::userId, p -> p));
        Set<String> accounts = new HashSet<>(jdbc.sql("select id_ from act_id_user").query(String.class).list());
        for (Line l : parsed.sheets().get(PEOPLE)) {
            String id = l.get("账号");
            boolean ok = required(plan, l, "账号") && matches(plan, l, "账号", USER_ID,
                    "只能由字母、数字和 . _ - 组成，最长64位");
            if (ok && plan.desiredPeople.containsKey(id)) {
                plan.problem(l, "账号", "账号 " + id + " 在本表中重复");
                ok = false;
            }
            ok &= name(plan, l, "姓名");
            Set<String> groups = new LinkedHashSet<>();
            String roles = l.get("所属单位/角色");
            if (roles.isBlank()) {
                plan.problem(l, "所属单位/角色", "至少填写一个所属单位或角色（组编号或名称）");
                ok = false;
            }
            for (String token : ROLE_SEPARATOR.split(roles)) {
                String role = token.strip();
                if (role.isEmpty()) {
                    continue;
                }
                if (groupsAfter.containsKey(role)) {
                    groups.add(role);
                } else if (idsByName.getOrDefault(role, List.of()).size() == 1) {
                    groups.add(idsByName.get(role).get(0));
                } else if (idsByName.containsKey(role)) {
                    plan.problem(l, "所属单位/角色", "名称“" + role + "”对应多个组（" + String.join("、", idsByName.get(role))
                            + "），请填组编号");
                    ok = false;
                } else {
                    plan.problem(l, "所属单位/角色", "未知的单位或角色“" + role + "”");
                    ok = false;
                }
            }
            String phone = l.get("手机").replaceAll("[\\s-]", "");
            if (!phone.isEmpty() && !MOBILE.matcher(phone).matches()) {
                plan.problem(l, "手机", "手机号“" + l.get("手机") + "”应为以1开头的11位数字");
                ok = false;
            }
            String email = l.get("邮箱");
            if (!email.isEmpty() && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
                plan.problem(l, "邮箱", "邮箱“" + email + "”格式不正确");
                ok = false;
            }
            if (ok) {
                Person before = currentPeople.get(id);
                // Groups of streets this file does not cover stay as they are.
                if (before != null) {
                    before.groups().stream().filter(g -> !coveredBefore.contains(g) && !coveredAfter.contains(g)
                            && !OrgData.FIXED_GROUPS.containsKey(g) && groupsAfter.containsKey(g)).forEach(groups::add);
                }
                plan.desiredPeople.put(id, new Person(id, l.get("姓名"), groups, blankToNull(phone), blankToNull(email), true));
            }
        }
        if (!plan.problems.isEmpty()) {
            return plan;
        }

        // The differences, and what may not be removed.
        plan.counts.put(STREETS, diff(current.streets(), plan.streets, Street::code, s -> false, null));
        plan.counts.put(SUPERVISIONS, diff(current.supervisions(), plan.supervisions, Supervision::code,
                s -> covered.contains(s.street()), plan.removedSupervisions));
        plan.counts.put(COMMUNITIES, diff(current.communities(), plan.communities, Community::code,
                c -> covered.contains(c.street()), plan.removedCommunities));
        plan.counts.put(GRIDS, diff(current.grids(), plan.grids, Grid::code,
                g -> covered.contains(streetOfCommunity(current, g.community())), plan.removedGrids));
        plan.counts.put(DEPARTMENTS, diff(current.departments(), plan.departments, Department::code,
                d -> covered.contains(d.street()), plan.removedDepartments));
        inUse(plan);

        int added = 0;
        int changed = 0;
        int unchanged = 0;
        for (Person wanted : plan.desiredPeople.values()) {
            Person before = currentPeople.get(wanted.userId());
            if (before == null) {
                added++;
                plan.changedPeople.put(wanted.userId(), wanted);
            } else if (samePerson(before, wanted)) {
                unchanged++;
            } else {
                changed++;
                plan.changedPeople.put(wanted.userId(), wanted);
            }
            if (!accounts.contains(wanted.userId()) || (before != null && !before.active())) {
                plan.newAccounts.add(wanted.userId());
            }
        }
        int removed = 0;
        for (Person before : current.people()) {
            if (plan.desiredPeople.containsKey(before.userId()) || !before.active()
                    || before.groups().stream().noneMatch(coveredBefore::contains)) {
                continue;
            }
            Set<String> kept = new LinkedHashSet<>(before.groups());
            kept.removeIf(g -> coveredBefore.contains(g) || !groupsAfter.containsKey(g));
            boolean disable = kept.isEmpty();
            plan.changedPeople.put(before.userId(), new Person(before.userId(), before.name(), kept, before.phone(),
                    before.email(), !disable));
            if (disable) {
                removed++;
                plan.disabled.add(before.userId());
            } else {
                changed++;
            }
        }
        plan.counts.put(PEOPLE, new Counts(added, changed, unchanged, removed));
        Set<String> gone = new LinkedHashSet<>(coveredBefore);
        gone.removeAll(groupsAfter.keySet());
        plan.removedGroups.addAll(gone);
        return plan;
    }

    /** Units the file drops that items (or records about them) still use: refused, by sheet. */
    private void inUse(Plan plan) {
        for (String code : plan.removedCommunities) {
            int items = count("select count(*) from risk_item where community = ?", code)
                    + count("select count(*) from daily_check where community = ?", code);
            refuseRemoval(plan, COMMUNITIES, "社区", code, items);
        }
        for (String code : plan.removedGrids) {
            refuseRemoval(plan, GRIDS, "网格", code, count("select count(*) from risk_item where grid = ?", code));
        }
        for (String code : plan.removedDepartments) {
            int uses = count("select count(*) from risk_item where responsible_unit = ?", code)
                    + count("select count(*) from report_in where department = ?", code)
                    + count("select count(*) from meeting_action where owner = ?", code);
            refuseRemoval(plan, DEPARTMENTS, "部门", code, uses);
        }
        for (String code : plan.removedSupervisions) {
            refuseRemoval(plan, SUPERVISIONS, "督导组", code, count("select count(*) from supervision_record where unit = ?", code));
        }
    }

    private static void refuseRemoval(Plan plan, String sheet, String what, String code, int uses) {
        if (uses > 0) {
            plan.problems.add(new Problem(sheet, 0, "编码", what + " " + code + " 不在文件中，但仍有 " + uses
                    + " 条事项或记录使用它，不能删除：请在“" + sheet + "”表中保留该行"));
        }
    }

    private int count(String sql, String code) {
        return jdbc.sql(sql).param(code).query(Integer.class).single();
    }

    private static <T> Counts diff(List<T> current, Map<String, T> wanted, Function<T, String> code,
                                   java.util.function.Predicate<T> coveredRow, List<String> removedOut) {
        Map<String, T> before = current.stream().collect(Collectors.toMap(code, t -> t));
        int added = 0;
        int changed = 0;
        int unchanged = 0;
        for (Map.Entry<String, T> w : wanted.entrySet()) {
            T old = before.get(w.getKey());
            if (old == null) {
                added++;
            } else if (old.equals(w.getValue())) {
                unchanged++;
            } else {
                changed++;
            }
        }
        int removed = 0;
        for (T old : current) {
            if (coveredRow.test(old) && !wanted.containsKey(code.apply(old))) {
                removed++;
                removedOut.add(code.apply(old));
            }
        }
        return new Counts(added, changed, unchanged, removed);
    }

    private static boolean samePerson(Person a, Person b) {
        return a.name().equals(b.name()) && a.active() == b.active() && a.groups().equals(b.groups())
                && Objects.equals(a.phone(), b.phone()) && Objects.equals(a.email(), b.email());
    }

    private void write(Plan plan) {
        for (Street s : plan.streets.values()) {
            jdbc.sql("""
                    insert into street (code, name, number_prefix, center_group, leaders_group) values (?, ?, ?, ?, ?)
                    on conflict (code) do update set name = excluded.name, number_prefix = excluded.number_prefix,
                        center_group = excluded.center_group, leaders_group = excluded.leaders_group""")
                    .params(s.code(), s.name(), s.numberPrefix(), s.centerGroup(), s.leadersGroup()).update();
        }
        for (Supervision s : plan.supervisions.values()) {
            jdbc.sql("""
                    insert into supervision_group (code, name, street_code) values (?, ?, ?)
                    on conflict (code) do update set name = excluded.name, street_code = excluded.street_code""")
                    .params(s.code(), s.name(), s.street()).update();
        }
        for (Community c : plan.communities.values()) {
            jdbc.sql("""
                    insert into community (code, street_code, name, supervision_group) values (?, ?, ?, ?)
                    on conflict (code) do update set street_code = excluded.street_code, name = excluded.name,
                        supervision_group = excluded.supervision_group""")
                    .params(c.code(), c.street(), c.name(), c.supervisionGroup()).update();
        }
        for (Grid g : plan.grids.values()) {
            jdbc.sql("""
                    insert into grid (code, community_code, name) values (?, ?, ?)
                    on conflict (code) do update set community_code = excluded.community_code, name = excluded.name""")
                    .params(g.code(), g.community(), g.name()).update();
        }
        for (Department d : plan.departments.values()) {
            jdbc.sql("""
                    insert into department (code, name, street_code) values (?, ?, ?)
                    on conflict (code) do update set name = excluded.name, street_code = excluded.street_code""")
                    .params(d.code(), d.name(), d.street()).update();
        }
        plan.removedGrids.forEach(code -> jdbc.sql("delete from grid where code = ?").param(code).update());
        plan.removedCommunities.forEach(code -> jdbc.sql("delete from community where code = ?").param(code).update());
        plan.removedDepartments.forEach(code -> jdbc.sql("delete from department where code = ?").param(code).update());
        plan.removedSupervisions.forEach(code -> jdbc.sql("delete from supervision_group where code = ?").param(code).update());
        for (Person p : plan.changedPeople.values()) {
            jdbc.sql("""
                    insert into person (user_id, name, active) values (?, ?, ?)
                    on conflict (user_id) do update set name = excluded.name, active = excluded.active""")
                    .params(p.userId(), p.name(), p.active()).update();
            jdbc.sql("delete from person_group where user_id = ?").param(p.userId()).update();
            for (String group : p.groups()) {
                jdbc.sql("insert into person_group (user_id, group_id) values (?, ?)").params(p.userId(), group).update();
            }
            if (plan.desiredPeople.containsKey(p.userId())) {
                jdbc.sql("""
                        insert into person_contact (user_id, phone, email) values (?, ?, ?)
                        on conflict (user_id) do update set phone = excluded.phone, email = excluded.email""")
                        .params(p.userId(), p.phone(), p.email()).update();
            }
        }
    }

    // --- cell checks: each adds its problem and answers whether the cell is fine ---

    private static boolean required(Plan plan, Line l, String column) {
        if (l.get(column).isEmpty()) {
            plan.problem(l, column, column + "不能为空");
            return false;
        }
        return true;
    }

    private static boolean matches(Plan plan, Line l, String column, Pattern pattern, String rule) {
        if (!pattern.matcher(l.get(column)).matches()) {
            plan.problem(l, column, column + "“" + l.get(column) + "”" + rule);
            return false;
        }
        return true;
    }

    private static boolean fits(Plan plan, Line l, String column, int length) {
        if (l.get(column).length() > length) {
            plan.problem(l, column, column + "最长" + length + "个字符");
            return false;
        }
        return true;
    }

    private static boolean name(Plan plan, Line l, String column) {
        return required(plan, l, column) && fits(plan, l, column, 64);
    }

    private static boolean streetOf(Plan plan, Line l, String column) {
        if (!required(plan, l, column)) {
            return false;
        }
        if (!plan.covered.contains(l.get(column))) {
            plan.problem(l, column, "街道 " + l.get(column) + " 不在“街道”表中（文件只能包含其“街道”表所列街道的单位）");
            return false;
        }
        return true;
    }

    /** A Camunda group id the row introduces: its form, its prefix, and that no other unit has it. */
    private static boolean groupId(Plan plan, Line l, String column, String prefix, Map<String, String> taken,
                                   Map<String, Line> claimed) {
        String id = l.get(column);
        if (!required(plan, l, column)) {
            return false;
        }
        if (!GROUP_ID.matcher(id).matches() || id.length() > 64) {
            plan.problem(l, column, column + "“" + id + "”应由小写字母、数字和单个“-”组成，最长64位");
            return false;
        }
        if (prefix != null && !id.startsWith(prefix)) {
            plan.problem(l, column, column + "“" + id + "”应以 " + prefix + " 开头");
            return false;
        }
        if (prefix == null && (id.startsWith(COMMUNITY_PREFIX) || id.startsWith(DEPARTMENT_PREFIX) || id.startsWith(SUPERVISION_PREFIX))) {
            plan.problem(l, column, column + "“" + id + "”不能以 community-、dept-、supervision- 开头（这些前缀留给社区、部门和督导组）");
            return false;
        }
        if (taken.containsKey(id)) {
            plan.problem(l, column, "组编号 " + id + " 已被" + taken.get(id) + "使用");
            return false;
        }
        Line first = claimed.putIfAbsent(id, l);
        if (first != null) {
            plan.problem(l, column, "组编号 " + id + " 与“" + first.sheet() + "”表第" + first.line() + "行重复");
            return false;
        }
        return true;
    }

    private static String lineOf(List<Line> lines, String code) {
        return lines.stream().filter(l -> l.get("编码").equals(code)).findFirst().map(l -> String.valueOf(l.line())).orElse("?");
    }

    private static String streetOfCommunity(OrgData org, String community) {
        return org.communities().stream().filter(c -> c.code().equals(community)).map(Community::street).findFirst().orElse("");
    }

    private static <T> List<T> concat(List<T> a, java.util.Collection<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
