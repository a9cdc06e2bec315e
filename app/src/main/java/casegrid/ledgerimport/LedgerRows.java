package casegrid.ledgerimport;

import casegrid.item.Codes;
import casegrid.item.ImportedItem;
import casegrid.item.ItemStatus;
import casegrid.item.NewItem;
import casegrid.item.RiskItemStore.Party;
import casegrid.item.RiskLevel;
import casegrid.org.Office;
import casegrid.org.OrgDirectory;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import casegrid.security.Groups;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks each line of a ledger against the organisation, the codes and itself, and turns a good line
 * into the item it describes and the step its process resumes at. Every problem is named by row and
 * column, in Chinese; a line with any problem yields no entry. Reads only.
 */
@Component
class LedgerRows {

    /** A line the import can write: the item, its parties and dated history, and where its process resumes. */
    record Entry(int row, String number, String fingerprint, ImportedItem item, List<Party> parties, List<Note> notes,
                 ItemStatus ledgerStatus, Step step) {
    }

    record Note(Date at, String text) {
    }

    record Problem(int row, String column, String message) {
    }

    record Checked(List<Entry> entries, List<Problem> problems) {
    }

    static final Pattern NUMBER = Pattern.compile("([A-Z]{1,8})-(\\d{4})-(\\d{6})");
    private static final Pattern PHONE = Pattern.compile("[0-9+\\-() ]{3,32}");
    private static final Pattern NOTE = Pattern.compile(
            "^(\\d{4}[-/.年]\\d{1,2}[-/.月]\\d{1,2}日?(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?)[\\s:：,，、]*(.*)$");
    /** Statuses past grading: they carry a level. */
    private static final Set<ItemStatus> UNGRADED = EnumSet.of(ItemStatus.REGISTERED, ItemStatus.GRADING);
    /** Statuses whose work sits with a responsible unit. */
    private static final Set<ItemStatus> NEED_UNIT = EnumSet.of(ItemStatus.RESOLVING, ItemStatus.WHISTLE,
            ItemStatus.MEETING_COMMUNITY, ItemStatus.MEETING_STREET, ItemStatus.MEETING_DISTRICT,
            ItemStatus.CLOSURE_PENDING);
    /** Statuses with a running resolve-by timer. */
    private static final Set<ItemStatus> NEED_RESOLVE_BY = EnumSet.of(ItemStatus.RESOLVING, ItemStatus.WHISTLE,
            ItemStatus.MEETING_COMMUNITY, ItemStatus.MEETING_STREET, ItemStatus.MEETING_DISTRICT);
    private static final Map<String, String> CATEGORY_ALIASES = Map.of("矛盾纠纷", "DISPUTE", "特殊人群", "SUPPORT",
            "网络犯罪", "ONLINE_CRIME", "暴力风险", "VIOLENCE_RISK", "治安", "PUBLIC_ORDER");
    private static final Map<String, String> SOURCE_ALIASES = Map.of("12345", "HOTLINE_12345", "110", "POLICE_110",
            "科室排查", "DEPARTMENT_SURVEY", "部门排查", "DEPARTMENT_SURVEY");
    private static final Map<String, String> STATUS_ALIASES = Map.of("研判中", "GRADING", "处置中", "RESOLVING",
            "待销号", "CLOSURE_PENDING", "销号审核中", "CLOSURE_PENDING", "已办结", "CLOSED", "立即整改", "RECTIFYING");

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final IdentityService identityService;
    private final ReferenceData reference;

    LedgerRows(JdbcClient jdbc, OrgDirectory org, IdentityService identityService, ReferenceData reference) {
        this.reference = reference;
        this.jdbc = jdbc;
        this.org = org;
        this.identityService = identityService;
    }

    Checked check(LedgerSheet.Read read, String importer, Date now) {
        Lookups lookups = new Lookups();
        List<Entry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> numbersSeen = new HashMap<>();
        for (LedgerSheet.Line line : read.lines()) {
            Row row = new Row(line, read.letters(), problems);
            Entry entry = check(row, lookups, importer, now);
            if (entry.number() != null) {
                Integer first = numbersSeen.putIfAbsent(entry.number(), line.row());
                if (first != null) {
                    row.problem(LedgerColumn.NUMBER, "编号 " + entry.number() + " 与第 " + first + " 行重复");
                }
            }
            if (!row.failed) {
                entries.add(entry);
            }
        }
        return new Checked(entries, problems);
    }

    private Entry check(Row row, Lookups lookups, String importer, Date now) {
        String number = row.text(LedgerColumn.NUMBER, 20);
        Matcher numberParts = number == null ? null : NUMBER.matcher(number);
        if (number != null && !numberParts.matches()) {
            row.problem(LedgerColumn.NUMBER, "编号「" + number + "」格式不对，应为 前缀-年份-6位序号，如 QF-2026-000123");
        }
        String title = row.text(LedgerColumn.TITLE, 200);
        String description = row.optional(LedgerColumn.DESCRIPTION, 4000);
        String category = row.code(LedgerColumn.CATEGORY, lookups.categories, CATEGORY_ALIASES, "类别");
        String subcategory = row.optional(LedgerColumn.SUBCATEGORY, 100);
        String source = row.get(LedgerColumn.SOURCE) == null ? "OTHER"
                : row.code(LedgerColumn.SOURCE, lookups.sources, SOURCE_ALIASES, "来源");
        Community community = null;
        String communityText = row.text(LedgerColumn.COMMUNITY, 100);
        if (communityText != null) {
            community = lookups.community(communityText);
            if (community == null) {
                row.problem(LedgerColumn.COMMUNITY, "未知社区「" + communityText + "」");
            }
        }
        String grid = null;
        String gridText = row.text(LedgerColumn.GRID, 100);
        if (gridText != null && community != null) {
            grid = lookups.grid(community, gridText);
            if (grid == null) {
                row.problem(LedgerColumn.GRID, "网格「" + gridText + "」不属于" + community.name() + "（" + community.code() + "）");
            }
        }
        if (numberParts != null && numberParts.matches() && community != null
                && !numberParts.group(1).equals(community.prefix())) {
            row.problem(LedgerColumn.NUMBER, "编号前缀应为 " + community.prefix() + "（" + community.name() + "所属街道的编号前缀）");
        }
        String address = row.text(LedgerColumn.ADDRESS, 300);
        ItemStatus status = null;
        String statusText = row.text(LedgerColumn.STATUS, 50);
        if (statusText != null) {
            String code = row.code(LedgerColumn.STATUS, Codes.STATUSES, STATUS_ALIASES, "状态");
            if (code != null) {
                status = ItemStatus.of(code);
                if (ItemStatus.ELSEWHERE.contains(status)) {
                    row.problem(LedgerColumn.STATUS, "已合并、已移交的事项不导入（在原台账中保留）");
                    status = null;
                }
            }
        }
        RiskLevel level = null;
        if (row.get(LedgerColumn.LEVEL) != null) {
            String code = row.code(LedgerColumn.LEVEL, Codes.LEVELS,
                    Map.of("高风险", "HIGH", "中风险", "MEDIUM", "低风险", "LOW"), "风险等级");
            level = code == null ? null : RiskLevel.valueOf(code);
        }
        String unit = null;
        String unitText = row.optional(LedgerColumn.UNIT, 100);
        if (unitText != null) {
            unit = lookups.unit(unitText);
            if (unit == null) {
                row.problem(LedgerColumn.UNIT, "未知责任单位「" + unitText + "」");
            }
        }
        String resolver = row.optional(LedgerColumn.RESOLVER, 64);
        if (resolver != null && !lookups.userExists(resolver)) {
            row.problem(LedgerColumn.RESOLVER, "系统中没有账号「" + resolver + "」");
        }
        Date reportedAt = row.date(LedgerColumn.REPORTED_AT, false);
        if (reportedAt == null && row.get(LedgerColumn.REPORTED_AT) == null) {
            row.problem(LedgerColumn.REPORTED_AT, "必须填写");
        }
        Date resolveBy = row.date(LedgerColumn.RESOLVE_BY, true);
        Date closedAt = row.date(LedgerColumn.CLOSED_AT, false);
        String closureOutcome = row.get(LedgerColumn.CLOSURE_OUTCOME) == null ? null
                : row.code(LedgerColumn.CLOSURE_OUTCOME, lookups.outcomes, Map.of(), "化解结果");
        String evidence = row.optional(LedgerColumn.CLOSURE_EVIDENCE, 4000);
        List<Party> parties = parties(row);
        Integer people = row.integer(LedgerColumn.PEOPLE);
        List<Note> notes = notes(row, now);

        if (reportedAt != null && reportedAt.after(now)) {
            row.problem(LedgerColumn.REPORTED_AT, "上报时间晚于现在");
        }
        if (status != null) {
            if (UNGRADED.contains(status) && level != null) {
                row.problem(LedgerColumn.LEVEL, "状态为「" + Codes.STATUSES.get(status.name()) + "」的事项尚未定级，风险等级应留空");
            } else if (!UNGRADED.contains(status) && level == null && row.get(LedgerColumn.LEVEL) == null) {
                row.problem(LedgerColumn.LEVEL, "状态为「" + Codes.STATUSES.get(status.name()) + "」的事项已定级，必须填写风险等级");
            }
            if (NEED_UNIT.contains(status) && unit == null && unitText == null) {
                row.problem(LedgerColumn.UNIT, "状态为「" + Codes.STATUSES.get(status.name()) + "」的事项必须填写责任单位");
            }
            if (NEED_RESOLVE_BY.contains(status) && resolveBy == null && row.get(LedgerColumn.RESOLVE_BY) == null) {
                row.problem(LedgerColumn.RESOLVE_BY, "状态为「" + Codes.STATUSES.get(status.name()) + "」的事项必须填写办结期限");
            }
            if (status == ItemStatus.CLOSED) {
                if (closedAt == null && row.get(LedgerColumn.CLOSED_AT) == null) {
                    row.problem(LedgerColumn.CLOSED_AT, "已销号事项必须填写销号时间");
                }
                if (closureOutcome == null && row.get(LedgerColumn.CLOSURE_OUTCOME) == null) {
                    row.problem(LedgerColumn.CLOSURE_OUTCOME, "已销号事项必须填写化解结果");
                }
            } else {
                if (row.get(LedgerColumn.CLOSED_AT) != null) {
                    row.problem(LedgerColumn.CLOSED_AT, "未销号的事项不应有销号时间（状态为「" + Codes.STATUSES.get(status.name()) + "」）");
                }
                if (status != ItemStatus.CLOSURE_PENDING && row.get(LedgerColumn.CLOSURE_OUTCOME) != null) {
                    row.problem(LedgerColumn.CLOSURE_OUTCOME, "只有待销号审核或已销号的事项有化解结果");
                }
            }
        }
        if (closedAt != null && reportedAt != null && closedAt.before(reportedAt)) {
            row.problem(LedgerColumn.CLOSED_AT, "销号时间早于上报时间");
        }
        if (closedAt != null && closedAt.after(now)) {
            row.problem(LedgerColumn.CLOSED_AT, "销号时间晚于现在");
        }
        if (resolveBy != null && reportedAt != null && !resolveBy.after(reportedAt)) {
            row.problem(LedgerColumn.RESOLVE_BY, "办结期限早于上报时间");
        }
        for (Note note : notes) {
            if (reportedAt != null && note.at().before(startOfDay(reportedAt))) {
                row.problem(LedgerColumn.NOTES, "进展「" + cut(note.text()) + "」的日期早于上报时间");
            }
        }
        if (people != null && people < 0) {
            row.problem(LedgerColumn.PEOPLE, "不能为负数");
        }
        if (row.failed) {
            return new Entry(row.line.row(), number, null, null, null, null, null, null);
        }
        Step step = Step.of(status, closureOutcome != null);
        NewItem item = new NewItem(title, description == null ? title : description, category, subcategory, source,
                community.code(), grid, address, null, reportedAt, importer, people == null ? parties.size() : people,
                false, false, false);
        ItemStatus stored = Step.storedStatus(status);
        Boolean fixableNow = UNGRADED.contains(status) ? null : status == ItemStatus.RECTIFYING;
        ImportedItem imported = new ImportedItem(item, stored, level, fixableNow, unit, resolver, null, resolveBy,
                closureOutcome, evidence, closedAt);
        return new Entry(row.line.row(), number, fingerprint(row.line), imported, parties, notes, status, step);
    }

    private static List<Party> parties(Row row) {
        String text = row.get(LedgerColumn.PARTIES);
        List<Party> parties = new ArrayList<>();
        if (text == null) {
            return parties;
        }
        for (String part : text.split("[；;\\n]")) {
            if (part.isBlank()) {
                continue;
            }
            String[] fields = part.split("[/／]", -1);
            String name = fields[0].trim();
            String phone = fields.length > 1 && !fields[1].isBlank() ? fields[1].trim() : null;
            String role = fields.length > 2 && !fields[2].isBlank() ? fields[2].trim() : null;
            if (name.isEmpty() || name.length() > 100 || fields.length > 3) {
                row.problem(LedgerColumn.PARTIES, "「" + cut(part.trim()) + "」应写成 姓名/电话/身份");
            } else if (phone != null && !PHONE.matcher(phone).matches()) {
                row.problem(LedgerColumn.PARTIES, name + " 的电话「" + phone + "」不是电话号码");
            } else if (role != null && role.length() > 32) {
                row.problem(LedgerColumn.PARTIES, name + " 的身份超过 32 字");
            } else {
                parties.add(new Party(name, phone, role));
            }
        }
        return parties;
    }

    private static List<Note> notes(Row row, Date now) {
        String text = row.get(LedgerColumn.NOTES);
        List<Note> notes = new ArrayList<>();
        if (text == null) {
            return notes;
        }
        int index = 0;
        for (String line : text.split("\\r?\\n")) {
            if (line.isBlank()) {
                continue;
            }
            index++;
            Matcher matcher = NOTE.matcher(line.trim());
            Date at = matcher.matches() ? parseDate(matcher.group(1), false) : null;
            if (at == null) {
                row.problem(LedgerColumn.NOTES, "第 " + index + " 条「" + cut(line.trim()) + "」应以日期开头，如 2026-10-10 已约谈双方");
            } else if (matcher.group(2).isBlank()) {
                row.problem(LedgerColumn.NOTES, "第 " + index + " 条只有日期，没有内容");
            } else if (at.after(now)) {
                row.problem(LedgerColumn.NOTES, "第 " + index + " 条的日期晚于现在");
            } else {
                notes.add(new Note(at, matcher.group(2).trim()));
            }
        }
        return notes;
    }

    // Strict: 2027-02-30 is a typing error to report, not 28 February.
    private static final List<DateTimeFormatter> DATE_TIMES = strict("uuuu-M-d H:mm[:ss]", "uuuu/M/d H:mm[:ss]",
            "uuuu-M-d'T'H:mm[:ss]", "uuuu.M.d H:mm[:ss]", "uuuu年M月d日 H:mm[:ss]");
    private static final List<DateTimeFormatter> DATES = strict("uuuu-M-d", "uuuu/M/d", "uuuu.M.d", "uuuu年M月d日");

    private static List<DateTimeFormatter> strict(String... patterns) {
        return java.util.Arrays.stream(patterns)
                .map(p -> DateTimeFormatter.ofPattern(p).withResolverStyle(java.time.format.ResolverStyle.STRICT)).toList();
    }

    /**
     * A date or date-time in the office's zone. A bare date is the start of that day, or for a
     * deadline ({@code endOfDay}) its end, as the plan form reads resolve-by.
     */
    static Date parseDate(String text, boolean endOfDay) {
        String value = text.trim();
        for (DateTimeFormatter format : DATE_TIMES) {
            try {
                return Date.from(LocalDateTime.parse(value, format).atZone(Office.ZONE).toInstant());
            } catch (DateTimeParseException ignored) {
                // next format
            }
        }
        for (DateTimeFormatter format : DATES) {
            try {
                LocalDate day = LocalDate.parse(value, format);
                return Date.from((endOfDay ? day.plusDays(1) : day).atStartOfDay(Office.ZONE).toInstant());
            } catch (DateTimeParseException ignored) {
                // next format
            }
        }
        return null;
    }

    private static Date startOfDay(Date at) {
        return Date.from(at.toInstant().atZone(Office.ZONE).toLocalDate().atTime(LocalTime.MIDNIGHT)
                .atZone(Office.ZONE).toInstant());
    }

    /** The line's content as the file holds it: the same row gives the same value, any change another. */
    static String fingerprint(LedgerSheet.Line line) {
        StringBuilder text = new StringBuilder();
        for (LedgerColumn column : LedgerColumn.values()) {
            String value = line.get(column);
            text.append(column.name()).append('=').append(value == null ? "" : value).append('\u0001');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String text) {
        return text.length() <= 30 ? text : text.substring(0, 30) + "…";
    }

    /** One line being checked: reads its cells and records its problems under its row and column. */
    private static final class Row {
        final LedgerSheet.Line line;
        final Map<LedgerColumn, String> letters;
        final List<Problem> problems;
        boolean failed;

        Row(LedgerSheet.Line line, Map<LedgerColumn, String> letters, List<Problem> problems) {
            this.line = line;
            this.letters = letters;
            this.problems = problems;
        }

        void problem(LedgerColumn column, String message) {
            failed = true;
            String letter = letters.get(column);
            problems.add(new Problem(line.row(), column.header + (letter == null ? "" : "（" + letter + " 列）"), message));
        }

        String get(LedgerColumn column) {
            return line.get(column);
        }

        String text(LedgerColumn column, int max) {
            String value = get(column);
            if (value == null) {
                problem(column, "必须填写");
                return null;
            }
            return length(column, value, max);
        }

        String optional(LedgerColumn column, int max) {
            String value = get(column);
            return value == null ? null : length(column, value, max);
        }

        private String length(LedgerColumn column, String value, int max) {
            if (value.length() > max) {
                problem(column, "超过 " + max + " 字");
                return null;
            }
            return value;
        }

        /** A code of {@code codes} given as the code or its Chinese name (or a listed alias of one of them). */
        String code(LedgerColumn column, Map<String, String> codes, Map<String, String> aliases, String what) {
            String value = get(column);
            if (value == null) {
                problem(column, "必须填写");
                return null;
            }
            String upper = value.toUpperCase(Locale.ROOT);
            if (codes.containsKey(upper)) {
                return upper;
            }
            Optional<String> byName = codes.entrySet().stream().filter(e -> e.getValue().equals(value))
                    .map(Map.Entry::getKey).findFirst();
            if (byName.isPresent()) {
                return byName.get();
            }
            if (codes.containsKey(aliases.get(value))) {
                return aliases.get(value);
            }
            problem(column, "未知" + what + "「" + value + "」，可填：" + String.join("、", codes.values()));
            return null;
        }

        Date date(LedgerColumn column, boolean endOfDay) {
            String value = get(column);
            if (value == null) {
                return null;
            }
            Date date = parseDate(value, endOfDay);
            if (date == null) {
                problem(column, "日期「" + value + "」无法识别，请写成 2026-10-08 或 2026-10-08 09:30");
            }
            return date;
        }

        Integer integer(LedgerColumn column) {
            String value = get(column);
            if (value == null) {
                return null;
            }
            try {
                return Integer.valueOf(value.replaceAll("\\.0+$", ""));
            } catch (NumberFormatException e) {
                problem(column, "「" + value + "」不是整数");
                return null;
            }
        }
    }

    record Community(String code, String name, String prefix) {
    }

    /** The organisation as the file's names meet it, read once per file. */
    private final class Lookups {
        final Map<String, Community> communities = new HashMap<>();
        final Map<String, Map<String, String>> grids = new HashMap<>();
        final Map<String, String> units = new LinkedHashMap<>();
        final Map<String, Boolean> users = new HashMap<>();
        /** The reference table's active codes → names (what intake accepts), read once per file. */
        final Map<String, String> categories = reference.active(Kind.CATEGORY);
        final Map<String, String> sources = reference.active(Kind.SOURCE);
        final Map<String, String> outcomes = reference.active(Kind.CLOSURE_OUTCOME);

        Lookups() {
            jdbc.sql("""
                    select c.code, c.name, s.number_prefix as prefix from community c join street s on s.code = c.street_code""")
                    .query(Community.class).list().forEach(c -> {
                        communities.put(c.code().toUpperCase(Locale.ROOT), c);
                        communities.put(c.name(), c);
                    });
            jdbc.sql("select code, community_code, name from grid").query((rs, n) -> {
                Map<String, String> names = grids.computeIfAbsent(rs.getString("community_code"), k -> new HashMap<>());
                String code = rs.getString("code");
                String name = rs.getString("name");
                names.put(code.toUpperCase(Locale.ROOT), code);
                names.put(name, code);
                return null;
            }).list();
            for (Community c : new HashSet<>(communities.values())) {
                units.put(Groups.community(c.code()), c.name());
            }
            org.departments().forEach(d -> units.put(d.code(), d.name()));
            units.put(Groups.STREET_CENTER, OrgDirectory.BODIES.get(Groups.STREET_CENTER));
        }

        Community community(String text) {
            Community c = communities.get(text.toUpperCase(Locale.ROOT));
            return c != null ? c : communities.get(text);
        }

        /** The grid's code; a name may leave out the community's ("第一网格" in 福源社区). */
        String grid(Community community, String text) {
            Map<String, String> names = grids.getOrDefault(community.code(), Map.of());
            String code = names.get(text.toUpperCase(Locale.ROOT));
            if (code == null) {
                code = names.get(text);
            }
            if (code == null) {
                code = names.get(community.name() + text);
            }
            return code;
        }

        /** The unit's group id (community, department or the street centre), from its group id, its name or a community's code. */
        String unit(String text) {
            if (units.containsKey(text)) {
                return text;
            }
            Community byCode = communities.get(text.toUpperCase(Locale.ROOT));
            if (byCode != null) {
                return Groups.community(byCode.code());
            }
            return units.entrySet().stream().filter(e -> e.getValue().equals(text)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }

        boolean userExists(String userId) {
            return users.computeIfAbsent(userId, id -> identityService.createUserQuery().userId(id).count() > 0);
        }
    }
}
