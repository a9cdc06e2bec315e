package casegrid.item;

/**
 * What happened to an item, in the domain's words: the kinds of its timeline rows. Reports and
 * exports count these, never BPMN element ids, so a designer who renames a task in Modeler does not
 * change a figure. A task's completion says which of these it was (see casegrid.process.Completion);
 * service steps record theirs directly. {@link #TASK_COMPLETED} is the one generic kind: a listed
 * handler-less task, and timeline rows from before V11 whose fact is on a companion row.
 */
public enum ItemEvent {
    // intake and grading
    REGISTERED, MERGED, REPEAT_REPORTED, RESUGGESTED, DUPLICATE_REVIEWED, GRADED, WARNING, RECTIFIED,
    // re-grading after grading (RegradeService)
    REGRADED, REGRADE_REQUESTED, REGRADE_APPROVED, REGRADE_REJECTED, REGRADE_LAPSED,
    // the plan (一事一策)
    PLANNED, EMERGENCY_PLAN_DRAFTED, EMERGENCY_PLAN_APPROVED, EMERGENCY_PLAN_REJECTED, EMERGENCY_PLAN_WITHDRAWN,
    REDISPATCHED,
    // resolution: the resolver's outcomes of 化解处置
    FEEDBACK_GIVEN, PROGRESS_UPDATED, RESOLUTION_REQUESTED, EXTENSION_REQUESTED, EXTENSION_APPROVED,
    EXTENSION_REJECTED, RETURNED, TRANSFERRED, WHISTLE_CALLED, ESCALATION_REQUESTED,
    // write-off (销号) and the follow-up visit
    CLOSURE_REQUESTED, CLOSED, CLOSURE_REJECTED, FOLLOW_UP_VISITED, REOPENED,
    // whistle (吹哨报到)
    DEPARTMENT_SUMMONED, REPORTED_IN, REPORT_IN_DECLINED, REPORT_IN_MISSED, REPORT_IN_HELD, REPORT_IN_RELEASED,
    JOINTLY_HANDLED,
    // joint meetings (联席会议)
    ESCALATED, ESCALATION_APPROVED, ESCALATION_REJECTED, MEETING_OPENED, MEETING_INVITED, MEETING_CONVENED,
    MEETING_HELD, ACTION_ITEM, ACTION_ITEM_DONE, ACTION_ITEM_OVERDUE, LONG_TERM,
    // deadlines and supervision (催办 → 督办 → 通报)
    DEADLINE_MISSED, REMINDED, SUPERVISION_ISSUED, SUPERVISION_REPLIED, PUBLIC_NOTICE,
    // the daily check (日核), the weekly and monthly reviews
    DAILY_CHECK_FLAGGED, CHECK_FOLLOWED_UP, DAILY_CHECK_DONE, REPORT_REVIEWED,
    // attachments (photos, documents, write-off evidence)
    ATTACHMENT_ADDED,
    // brought in from a street's existing ledger (底数台账, casegrid.ledgerimport): the import itself, and
    // each dated line of the ledger's history, at its own date; neither is counted as work done here
    IMPORTED, IMPORTED_NOTE,
    TASK_COMPLETED
}
