package casegrid.ledgerimport;

import casegrid.item.ItemStatus;

/**
 * Where an imported item's riskItem instance starts (process instance modification: start before
 * {@link #startBefore}), and the user task it then waits at ({@link #taskKey}, CONTRACT.md names).
 * {@link #NONE}: a closed item gets no running instance.
 */
enum Step {
    // Before the decision table, so the grading task has its suggestion as after an intake.
    GRADE("BusinessRuleTask_SuggestGrade", "Task_Grade", "研判定级"),
    RECTIFY_NOW("Task_RectifyNow", "Task_RectifyNow", "立即整改"),
    PLAN("Task_Plan", "Task_Plan", "制定一事一策"),
    RESOLVE("Task_Resolve", "Task_Resolve", "化解处置"),
    REQUEST_CLOSURE("Task_RequestClosure", "Task_RequestClosure", "申请销号"),
    APPROVE_CLOSURE("Task_ApproveClosure", "Task_ApproveClosure", "审批销号"),
    NONE(null, null, "不启动流程（已销号）");

    final String startBefore;
    final String taskKey;
    final String label;

    Step(String startBefore, String taskKey, String label) {
        this.startBefore = startBefore;
        this.taskKey = taskKey;
        this.label = label;
    }

    /**
     * The step for a ledger status. Whistle and joint meetings cannot be resumed half-way (the
     * departments' report-in and the meeting's minutes were kept outside casegrid): such an item
     * resumes at 化解处置, from where the resolver calls the whistle or the meeting again if still needed.
     */
    static Step of(ItemStatus status, boolean closureRequested) {
        return switch (status) {
            case REGISTERED, GRADING -> GRADE;
            case RECTIFYING -> RECTIFY_NOW;
            case PLANNING -> PLAN;
            case RESOLVING, WHISTLE, MEETING_COMMUNITY, MEETING_STREET, MEETING_DISTRICT -> RESOLVE;
            case CLOSURE_PENDING -> closureRequested ? APPROVE_CLOSURE : REQUEST_CLOSURE;
            case CLOSED -> NONE;
            case MERGED, TRANSFERRED -> throw new IllegalArgumentException("not imported: " + status);
        };
    }

    /** The status the item is stored in: a whistle or meeting item is stored RESOLVING, where its task is. */
    static ItemStatus storedStatus(ItemStatus ledger) {
        return switch (ledger) {
            case WHISTLE, MEETING_COMMUNITY, MEETING_STREET, MEETING_DISTRICT -> ItemStatus.RESOLVING;
            default -> ledger;
        };
    }
}
