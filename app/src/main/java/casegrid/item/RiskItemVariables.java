package casegrid.item;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The riskItem process's variable names, in one place (CONTRACT.md names the task outputs). */
public final class RiskItemVariables {
    public static final String PROCESS_KEY = "riskItem";

    // Context, copied from the item at registration so forms and Tasklist columns can show it.
    public static final String NUMBER = "number";
    public static final String TITLE = "title";
    public static final String COMMUNITY = "community";
    public static final String COMMUNITY_NAME = "communityName";
    public static final String CATEGORY = "category";
    public static final String CATEGORY_NAME = "categoryName";
    public static final String ADDRESS = "address";
    public static final String PEOPLE_INVOLVED = "peopleInvolved";
    public static final String THREAT_OF_VIOLENCE = "threatOfViolence";
    public static final String INVOLVES_MINORS = "involvesMinors";
    public static final String CROSS_JURISDICTION = "crossJurisdiction";
    public static final String REPEAT_COUNT = "repeatCount";
    public static final String PRIORITY = "priority";
    public static final String INITIATOR = "initiator";

    // Duplicates
    public static final String DUPLICATE_CANDIDATES = "duplicateCandidates";
    public static final String HAS_DUPLICATE_CANDIDATES = "hasDuplicateCandidates";
    public static final String DUPLICATE_OF = "duplicateOf";

    // Grading
    public static final String SUGGESTED_LEVEL = "suggestedLevel";
    public static final String RISK_LEVEL = "riskLevel";
    public static final String FIXABLE_NOW = "fixableNow";
    public static final String GRADE_REASON = "gradeReason";
    /** A pending request to lower a HIGH, as the 审批降级 form shows it (RegradeService writes them). */
    public static final String REGRADE_FROM = "regradeFrom";
    public static final String REGRADE_TO = "regradeTo";
    public static final String REGRADE_REQUESTED_BY = "regradeRequestedBy";
    public static final String REGRADE_REASON = "regradeReason";
    public static final String RECTIFICATION_NOTE = "rectificationNote";

    // Plan
    public static final String RESPONSIBLE_UNIT = "responsibleUnit";
    public static final String RESPONSIBLE_LEADER = "responsibleLeader";
    public static final String INVESTIGATOR = "investigator";
    public static final String RESOLVER = "resolver";
    public static final String STABILISER = "stabiliser";
    public static final String DISPATCHER = "dispatcher";
    public static final String MEASURES = "measures";
    public static final String RESOLVE_BY = "resolveBy";

    // Emergency plan
    public static final String[] EMERGENCY_PLAN_FIELDS = {"activationCriteria", "standDownCriteria", "command",
            "duties", "emergencyMeasures", "supplies"};

    // Approvals
    public static final String APPROVED = "approved";
    public static final String APPROVAL_NOTE = "approvalNote";

    // Resolution
    public static final String FEEDBACK_NOTE = "feedbackNote";
    public static final String FEEDBACK_DUE = "feedbackDue";
    public static final String FEEDBACK_GIVEN = "feedbackGiven";
    public static final String WEEKLY_UPDATE_DUE = "weeklyUpdateDue";
    public static final String NEXT_DEADLINE = "nextDeadline";
    public static final String RESOLUTION_OUTCOME = "resolutionOutcome";
    public static final String PROGRESS_NOTE = "progressNote";
    public static final String EXTEND_TO = "extendTo";
    public static final String RETURN_REASON = "returnReason";
    public static final String RETURNED_BY = "returnedBy";
    public static final String TRANSFER_TO = "transferTo";
    public static final String REDISPATCH_NOTE = "redispatchNote";

    // Closure and follow-up
    public static final String CLOSURE_OUTCOME = "closureOutcome";
    public static final String CLOSURE_EVIDENCE = "closureEvidence";
    /** Why a write-off request has no evidence file (required when the item has none). */
    public static final String NO_EVIDENCE_REASON = "noEvidenceReason";
    public static final String FOLLOW_UP_DUE = "followUpDue";
    public static final String SATISFACTION = "satisfaction";
    public static final String VISIT_NOTE = "visitNote";

    // The options of a form's selects (valuesKey), set by the app on each task (OrgOptions)
    public static final String UNIT_OPTIONS = "unitOptions";
    public static final String ALL_UNIT_OPTIONS = "allUnitOptions";
    public static final String DEPARTMENT_OPTIONS = "departmentOptions";
    public static final String PERSON_OPTIONS = "personOptions";
    public static final String LEADER_OPTIONS = "leaderOptions";
    /** The start form's communities (filled into the form when it is served: a start has no task). */
    public static final String COMMUNITY_OPTIONS = "communityOptions";
    /** The start form's grids, of the communities the caller may register in, each labelled with its community. */
    public static final String GRID_OPTIONS = "gridOptions";
    /** Who may attend the joint meeting whose minutes are recorded: its tier's people and the invited departments'. */
    public static final String ATTENDEE_OPTIONS = "attendeeOptions";
    /** The people of the department a report-in task is for (派出人员). */
    public static final String DEPARTMENT_PEOPLE_OPTIONS = "departmentPeopleOptions";
    /** Reference data (reference_code, ReferenceOptions): the active categories, sources, closure outcomes and transfer bodies. */
    public static final String CATEGORY_OPTIONS = "categoryOptions";
    public static final String SOURCE_OPTIONS = "sourceOptions";
    public static final String CLOSURE_OUTCOME_OPTIONS = "closureOutcomeOptions";
    public static final String TRANSFER_BODY_OPTIONS = "transferBodyOptions";
    public static final Set<String> OPTION_LISTS = Set.of(UNIT_OPTIONS, ALL_UNIT_OPTIONS, DEPARTMENT_OPTIONS,
            PERSON_OPTIONS, LEADER_OPTIONS, ATTENDEE_OPTIONS, DEPARTMENT_PEOPLE_OPTIONS, COMMUNITY_OPTIONS, GRID_OPTIONS,
            CATEGORY_OPTIONS, SOURCE_OPTIONS, CLOSURE_OUTCOME_OPTIONS, TRANSFER_BODY_OPTIONS);
    /** The lists a start form may name: they need no task (StartFormOptions fills them into the served form). */
    public static final Set<String> START_FORM_OPTION_LISTS = Set.of(COMMUNITY_OPTIONS, GRID_OPTIONS, CATEGORY_OPTIONS, SOURCE_OPTIONS);

    // Missed deadlines (input parameter of the timer paths' service tasks)
    public static final String DEADLINE = "deadline";

    /**
     * What the item is, where and whose: copied from the item's tables by the app and never taken
     * from a client, whatever a form declares (a task's answer naming one is refused).
     */
    public static final Set<String> ITEM_IDENTITY = Set.of(NUMBER, TITLE, COMMUNITY, COMMUNITY_NAME, CATEGORY,
            CATEGORY_NAME, ADDRESS, PEOPLE_INVOLVED, THREAT_OF_VIOLENCE, INVOLVES_MINORS, CROSS_JURISDICTION, REPEAT_COUNT,
            PRIORITY, INITIATOR, "reportedBy", "reporter", "status");

    /**
     * Every variable the app writes into its processes (identity, status, deadlines, routing, the
     * ids of its own records, the Tasklist card columns), in one place. No client may set or remove
     * one directly (admin included; ClientInputGuard). Some are also a task's answer (riskLevel on
     * the grading form, resolveBy on the plan form): those reach the process only through that
     * task's completion, checked by its form's handler (TaskHandlerRegistry).
     */
    public static final Set<String> APP_OWNED = Stream.of(ITEM_IDENTITY, OPTION_LISTS, Set.of(
            // grading and duplicates
            SUGGESTED_LEVEL, RISK_LEVEL, FIXABLE_NOW, DUPLICATE_CANDIDATES, HAS_DUPLICATE_CANDIDATES, DUPLICATE_OF,
            REGRADE_FROM, REGRADE_TO, REGRADE_REQUESTED_BY, REGRADE_REASON,
            // plan: who is responsible, who the tasks go to
            RESPONSIBLE_UNIT, RESPONSIBLE_LEADER, INVESTIGATOR, RESOLVER, STABILISER, DISPATCHER, RETURNED_BY,
            // deadlines (timers and due dates read them)
            RESOLVE_BY, FEEDBACK_DUE, FEEDBACK_GIVEN, WEEKLY_UPDATE_DUE, NEXT_DEADLINE, FOLLOW_UP_DUE, EXTEND_TO, DEADLINE,
            "reportInDue", "conveneDue", "actionDue", "replyDue", "updateDue", "checkDayEnd", "escalatedAt",
            // whistle, meetings, supervision, daily checks: routing and the ids of the app's own records
            "departments", "department", "departmentName", "whistleId", "reportSummary", "tier", "tierName",
            "escalationApprovedBy", "meetingId", "organiser", "actionId", "owner", "ownerName", "actionContent",
            "supervisionGroup", "supervisionRecordId", "missNumber", "missCount", "missedDeadline", "missedUnit",
            "followUpGroup", "checkDay", "workingDay", "openItems", "checkedBy", "checkNote", "reportPeriod",
            // the Tasklist card columns (TaskColumns)
            "itemNumber", "itemLevel", "itemCommunity", "itemResolveBy", "itemTitle"))
            .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    private RiskItemVariables() {
    }
}
