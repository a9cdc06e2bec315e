package casegrid.ledgerimport;

import static casegrid.item.RiskItemVariables.*;

import casegrid.deadline.DeadlineCalculator;
import casegrid.intake.IntakeService;
import casegrid.item.Codes;
import casegrid.item.Deadlines;
import casegrid.item.ImportedItem;
import casegrid.item.ItemEvent;
import casegrid.item.ItemStatus;
import casegrid.item.RiskItemStore;
import casegrid.ledgerimport.LedgerRows.Entry;
import casegrid.ledgerimport.LedgerRows.Problem;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import casegrid.security.AppStart;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a street's existing ledger (底数台账): a dry run says, row by row, what would happen; the real
 * run does it for the whole file in one transaction or not at all. Each new item keeps its number and
 * dates, its street's counter is lifted past the number, and its riskItem instance starts at the step
 * its status names ({@link Step}), so an item row never exists without its process or the reverse.
 * A number imported before is skipped when its row is unchanged and refused as a conflict otherwise;
 * nothing is overwritten.
 */
@Service
public class LedgerImport {

    public enum Action { CREATE, SKIP, ERROR }

    public record RowProblem(String column, String message) {
    }

    /** What happens (or would happen) to one row. */
    public record RowReport(int row, String number, String title, Action action, String ledgerStatus, String taskKey,
                            String step, List<RowProblem> problems) {
    }

    /** {@code ignoredColumns}: headers that are no template column, left out of the import. */
    public record Report(String fileName, boolean dryRun, boolean imported, int rows, int created, int skipped,
                         int errors, List<String> fileProblems, List<String> ignoredColumns, Map<String, Long> byStep,
                         List<RowReport> lines) {
        public boolean ok() {
            return fileProblems.isEmpty() && errors == 0;
        }
    }

    /** The real run was refused: the file has problems; nothing was written. */
    public static final class Refused extends RuntimeException {
        private final transient Report report;

        Refused(Report report) {
            super("台账有问题，未导入任何事项");
            this.report = report;
        }

        public Report report() {
            return report;
        }
    }

    static final Map<String, Integer> PRIORITY_BY_LEVEL = Map.of("HIGH", 90, "MEDIUM", 60, "LOW", 30);
    private static final long LOCK = 0x4c45444745524cL; // one import at a time (pg advisory lock key)

    private final LedgerRows rows;
    private final RiskItemStore items;
    private final IntakeService intake;
    private final RuntimeService runtimeService;
    private final DeadlineCalculator calculator;
    private final JdbcClient jdbc;
    private final int maxRows;
    private final ReferenceData reference;

    LedgerImport(LedgerRows rows, RiskItemStore items, IntakeService intake, RuntimeService runtimeService,
                 DeadlineCalculator calculator, JdbcClient jdbc,
                 @Value("${casegrid.ledger-import.max-rows:5000}") int maxRows, ReferenceData reference) {
        this.reference = reference;
        this.rows = rows;
        this.items = items;
        this.intake = intake;
        this.runtimeService = runtimeService;
        this.calculator = calculator;
        this.jdbc = jdbc;
        this.maxRows = maxRows;
    }

    /** What the real run would do; writes nothing. */
    @Transactional(readOnly = true)
    public Report dryRun(String fileName, byte[] bytes, String importer) throws LedgerSheet.NotXlsx {
        return plan(fileName, bytes, importer, ClockUtil.getCurrentTime()).report(true, false);
    }

    /** The whole file or nothing: any problem refuses it ({@link Refused}) before anything is written. */
    @Transactional
    public Report run(String fileName, byte[] bytes, String importer) throws LedgerSheet.NotXlsx {
        // Two administrators importing the same file at once: the second waits and then skips.
        jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().listOfRows();
        Date now = ClockUtil.getCurrentTime();
        Plan plan = plan(fileName, bytes, importer, now);
        if (!plan.ok()) {
            throw new Refused(plan.report(false, false));
        }
        long importId = jdbc.sql("""
                insert into ledger_import (file_name, file_sha256, imported_by, imported_at, created, skipped)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(fileName, sha256(bytes), importer, RiskItemStore.ts(now), plan.creates().size(), plan.skipped())
                .query(Long.class).single();
        Map<String, String> outcomes = reference.names(Kind.CLOSURE_OUTCOME);
        for (Entry entry : plan.creates()) {
            create(entry, importId, fileName, importer, now, outcomes);
        }
        return plan.report(false, true);
    }

    private void create(Entry entry, long importId, String fileName, String importer, Date now,
                        Map<String, String> outcomes) {
        String number = entry.number();
        ImportedItem item = withDeadlines(entry.item(), now);
        items.importItem(number, item, entry.parties());
        for (LedgerRows.Note note : entry.notes()) {
            items.addPastEvent(number, note.at(), importer, ItemEvent.IMPORTED_NOTE, "台账进展：" + note.text());
        }
        if (item.status() == ItemStatus.CLOSED) {
            items.addPastEvent(number, item.closedAt(), importer, ItemEvent.IMPORTED_NOTE, "台账销号："
                    + outcomes.getOrDefault(item.closureOutcome(), item.closureOutcome())
                    + (item.closureEvidence() == null ? "" : "。" + item.closureEvidence()));
        }
        items.addEvent(number, importer, ItemEvent.IMPORTED, importedSummary(entry, fileName));
        if (entry.step() != Step.NONE) {
            Map<String, Object> variables = variables(number, item);
            ProcessInstance instance = AppStart.run(number, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                    .businessKey(number).setVariables(variables).startBeforeActivity(entry.step().startBefore).execute());
            if (!items.bindProcess(number, instance.getId())) {
                throw new IllegalStateException("item " + number + " already has a process");
            }
        }
        jdbc.sql("insert into ledger_import_item (number, import_id, sheet_row, row_sha256) values (?, ?, ?, ?)")
                .params(number, importId, entry.row(), entry.fingerprint()).update();
    }

    /**
     * The deadlines an imported open item runs on: resolve-by as the ledger gives it (else the level's
     * default counted from the report, as grading would have), and the weekly update rhythm (周调) from
     * the import on. T+2 feedback belongs to a warning given before casegrid: an imported graded item
     * does not owe it; an ungraded one gets it when it is graded here.
     */
    private ImportedItem withDeadlines(ImportedItem item, Date now) {
        if (!item.status().isOpen() || item.level() == null) {
            return item;
        }
        Date resolveBy = item.resolveBy() != null ? item.resolveBy()
                : calculator.resolveByDefault(item.level().name(), item.item().reportedAt());
        return new ImportedItem(item.item(), item.status(), item.level(), item.fixableNow(), item.responsibleUnit(),
                item.resolver(), calculator.dueAt("weekly-update", now), resolveBy, item.closureOutcome(),
                item.closureEvidence(), item.closedAt());
    }

    /** What the step needs, as grading and planning would have left it; the identity as intake copies it. */
    private Map<String, Object> variables(String number, ImportedItem item) {
        Map<String, Object> variables = new HashMap<>(intake.contextVariables(number));
        if (item.level() != null) {
            variables.put(RISK_LEVEL, item.level().name());
            variables.put(PRIORITY, PRIORITY_BY_LEVEL.get(item.level().name()));
            variables.put(FIXABLE_NOW, Boolean.TRUE.equals(item.fixableNow()));
            variables.put(FEEDBACK_GIVEN, true);
            variables.put(RESPONSIBLE_UNIT, item.responsibleUnit());
            variables.put(RESOLVER, item.resolver());
            Deadlines stored = items.deadlines(number);
            variables.put(WEEKLY_UPDATE_DUE, stored.weeklyUpdateDue());
            variables.put(RESOLVE_BY, stored.resolveBy());
            variables.put(NEXT_DEADLINE, stored.next());
        }
        return variables;
    }

    private static String importedSummary(Entry entry, String fileName) {
        String ledger = Codes.STATUSES.get(entry.ledgerStatus().name());
        String where = entry.step() == Step.NONE ? "已销号，不再流转"
                : "在「" + entry.step().label + "」环节继续";
        String note = switch (entry.ledgerStatus()) {
            case WHISTLE -> "；原台账在吹哨报到中，部门报到情况未导入，如仍需部门报到请在化解处置中重新吹哨";
            case MEETING_COMMUNITY, MEETING_STREET, MEETING_DISTRICT ->
                    "；原台账在" + ledger + "中，会议记录未导入，如仍需会议请在化解处置中重新提请联席会议";
            default -> "";
        };
        return "从底数台账导入（文件 " + fileName + " 第 " + entry.row() + " 行）：台账状态「" + ledger + "」，" + where + note;
    }

    // ---- the plan of a run: every row's fate, decided before anything is written

    private record Plan(String fileName, List<String> fileProblems, List<String> ignored, List<LedgerSheet.Line> lines,
                        Map<Integer, Entry> entries, Map<Integer, List<RowProblem>> problems, Map<Integer, Action> actions) {

        boolean ok() {
            return fileProblems.isEmpty() && problems.isEmpty();
        }

        List<Entry> creates() {
            return entries.values().stream().filter(e -> actions.get(e.row()) == Action.CREATE).toList();
        }

        int skipped() {
            return (int) actions.values().stream().filter(a -> a == Action.SKIP).count();
        }

        Report report(boolean dryRun, boolean imported) {
            List<RowReport> lines = new ArrayList<>();
            for (LedgerSheet.Line line : this.lines) {
                Action action = actions.getOrDefault(line.row(), Action.ERROR);
                Entry entry = entries.get(line.row());
                Step step = entry == null || entry.step() == null ? null : entry.step();
                String status = entry == null || entry.ledgerStatus() == null ? line.get(LedgerColumn.STATUS)
                        : Codes.STATUSES.get(entry.ledgerStatus().name());
                lines.add(new RowReport(line.row(), line.get(LedgerColumn.NUMBER), line.get(LedgerColumn.TITLE), action,
                        status, step == null ? null : step.taskKey, step == null ? null : step.label,
                        problems.getOrDefault(line.row(), List.of())));
            }
            Map<String, Long> byStep = lines.stream().filter(l -> l.action() == Action.CREATE)
                    .collect(Collectors.groupingBy(l -> l.step(), LinkedHashMap::new, Collectors.counting()));
            int created = (int) lines.stream().filter(l -> l.action() == Action.CREATE).count();
            int errors = (int) lines.stream().filter(l -> l.action() == Action.ERROR).count();
            return new Report(fileName, dryRun, imported, lines.size(), created, skipped(), errors, fileProblems, ignored,
                    byStep, lines);
        }
    }

    private Plan plan(String fileName, byte[] bytes, String importer, Date now) throws LedgerSheet.NotXlsx {
        LedgerSheet.Read read = LedgerSheet.read(bytes, maxRows);
        Map<Integer, Entry> entries = new LinkedHashMap<>();
        Map<Integer, List<RowProblem>> problems = new LinkedHashMap<>();
        Map<Integer, Action> actions = new HashMap<>();
        if (!read.problems().isEmpty() && read.letters().keySet().stream().noneMatch(c -> c.required)) {
            return new Plan(fileName, read.problems(), read.ignored(), List.of(), entries, problems, actions);
        }
        LedgerRows.Checked checked = rows.check(read, importer, now);
        for (Problem p : checked.problems()) {
            problems.computeIfAbsent(p.row(), r -> new ArrayList<>()).add(new RowProblem(p.column(), p.message()));
        }
        checked.entries().forEach(e -> entries.put(e.row(), e));
        List<String> numbers = checked.entries().stream().map(Entry::number).toList();
        Map<String, String> imported = new HashMap<>();
        Map<String, Boolean> existing = new HashMap<>();
        if (!numbers.isEmpty()) {
            jdbc.sql("select number, row_sha256 from ledger_import_item where number in (:numbers)")
                    .param("numbers", numbers)
                    .query((rs, n) -> imported.put(rs.getString(1), rs.getString(2))).list();
            jdbc.sql("select number from risk_item where number in (:numbers)").param("numbers", numbers)
                    .query((rs, n) -> existing.put(rs.getString(1), true)).list();
        }
        for (Entry entry : checked.entries()) {
            String before = imported.get(entry.number());
            if (before != null && before.equals(entry.fingerprint())) {
                actions.put(entry.row(), Action.SKIP);
            } else if (before != null) {
                problems.computeIfAbsent(entry.row(), r -> new ArrayList<>()).add(new RowProblem(
                        LedgerColumn.NUMBER.header, "编号 " + entry.number() + " 已经导入过，但本行内容与当时导入的不同："
                        + "不覆盖系统中的事项（如需更正，请在系统中办理，或从文件中删去本行）"));
            } else if (existing.containsKey(entry.number())) {
                problems.computeIfAbsent(entry.row(), r -> new ArrayList<>()).add(new RowProblem(
                        LedgerColumn.NUMBER.header, "编号 " + entry.number() + " 已被系统中的另一事项使用"));
            } else {
                actions.put(entry.row(), Action.CREATE);
            }
        }
        problems.keySet().forEach(row -> actions.put(row, Action.ERROR));
        return new Plan(fileName, read.problems(), read.ignored(), read.lines(), entries, problems, actions);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The template a street fills in. */
    public byte[] template() {
        return LedgerSheet.template();
    }
}
