package casegrid.item;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statuses of CONTRACT.md, which of them are open, and every move between them that the
 * models may make. SQL names these sets through {@link #SQL_PARAMS}, never as literals, so that
 * "open" means the same in the ledger, the reports, the daily check and the overdue flag.
 */
public enum ItemStatus {
    REGISTERED, GRADING, RECTIFYING, PLANNING, RESOLVING, WHISTLE, MEETING_COMMUNITY, MEETING_STREET,
    MEETING_DISTRICT, CLOSURE_PENDING, CLOSED, MERGED, TRANSFERRED;

    /** Still the street's work: everything but the three ends. */
    public static final Set<ItemStatus> OPEN = Collections.unmodifiableSet(
            EnumSet.complementOf(EnumSet.of(CLOSED, MERGED, TRANSFERRED)));

    /**
     * Lives on elsewhere: merged into its original, or transferred to another authority. Such an
     * item is never counted as an item of its own (reports) nor offered as an original (duplicates).
     */
    public static final Set<ItemStatus> ELSEWHERE = Collections.unmodifiableSet(EnumSet.of(MERGED, TRANSFERRED));

    /** The allowed moves; staying in a status (a task that comes round again) is always allowed. */
    private static final Map<ItemStatus, Set<ItemStatus>> MOVES = new EnumMap<>(ItemStatus.class);

    static {
        Set<ItemStatus> meetings = EnumSet.of(MEETING_COMMUNITY, MEETING_STREET, MEETING_DISTRICT);
        MOVES.put(REGISTERED, EnumSet.of(GRADING, MERGED));
        MOVES.put(GRADING, EnumSet.of(RECTIFYING, PLANNING));
        MOVES.put(RECTIFYING, EnumSet.of(CLOSURE_PENDING));
        MOVES.put(PLANNING, EnumSet.of(RESOLVING));
        MOVES.put(RESOLVING, union(EnumSet.of(PLANNING, CLOSURE_PENDING, WHISTLE, TRANSFERRED), meetings));
        MOVES.put(WHISTLE, EnumSet.of(RESOLVING));
        // A meeting goes up a tier, or back to resolution (resolved, or escalation refused).
        MOVES.put(MEETING_COMMUNITY, EnumSet.of(MEETING_STREET, RESOLVING));
        MOVES.put(MEETING_STREET, EnumSet.of(MEETING_DISTRICT, RESOLVING));
        MOVES.put(MEETING_DISTRICT, EnumSet.of(RESOLVING));
        // A refused write-off goes back to where the work was done.
        MOVES.put(CLOSURE_PENDING, EnumSet.of(CLOSED, RECTIFYING, RESOLVING));
        // Reopened after an unsatisfied follow-up visit (same number).
        MOVES.put(CLOSED, EnumSet.of(RESOLVING));
        MOVES.put(MERGED, EnumSet.noneOf(ItemStatus.class));
        MOVES.put(TRANSFERRED, EnumSet.noneOf(ItemStatus.class));
    }

    /** Named sets of statuses as SQL bind parameters: {@code status = any(:open)} or {@code status = :closed}. */
    public static final Map<String, Object> SQL_PARAMS = sqlParams();

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    public Set<ItemStatus> allowedMoves() {
        return Collections.unmodifiableSet(MOVES.get(this));
    }

    public boolean canMoveTo(ItemStatus target) {
        return target == this || MOVES.get(this).contains(target);
    }

    /** Refuses a move the table does not allow, naming both ends. */
    public void checkMoveTo(ItemStatus target) {
        if (!canMoveTo(target)) {
            throw new IllegalMove(this, target);
        }
    }

    /** Refuses a move the table does not allow, and staying put: a step that changes the item happens once. */
    public void checkChangeTo(ItemStatus target) {
        if (target == this || !canMoveTo(target)) {
            throw new IllegalMove(this, target);
        }
    }

    /** The names of a set of statuses, as a text array bind parameter takes them. */
    public static String[] names(Set<ItemStatus> statuses) {
        return statuses.stream().map(Enum::name).toArray(String[]::new);
    }

    /** A status read from a model's {@code status} property or a column, refused with its value named. */
    public static ItemStatus of(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("未知的事项状态 " + name + " (unknown item status)"));
    }

    public static final class IllegalMove extends IllegalStateException {
        private final ItemStatus from;
        private final ItemStatus to;

        IllegalMove(ItemStatus from, ItemStatus to) {
            super("事项状态不能从 " + from + " 变为 " + to + " (illegal move " + from + " → " + to + ")");
            this.from = from;
            this.to = to;
        }

        public ItemStatus from() {
            return from;
        }

        public ItemStatus to() {
            return to;
        }
    }

    private static Map<String, Object> sqlParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("open", List.of(names(OPEN)));
        params.put("elsewhere", List.of(names(ELSEWHERE)));
        params.put("closed", CLOSED.name());
        params.put("merged", MERGED.name());
        params.put("transferred", TRANSFERRED.name());
        return Collections.unmodifiableMap(params);
    }

    private static Set<ItemStatus> union(Set<ItemStatus> a, Set<ItemStatus> b) {
        Set<ItemStatus> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
