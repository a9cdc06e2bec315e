package casegrid.security;

import java.util.List;

/** Camunda group ids that the code itself relies on (see CONTRACT.md, demo organisation). */
public final class Groups {
    public static final String CAMUNDA_ADMIN = "camunda-admin";
    public static final String PROCESS_DESIGNERS = "process-designers";
    public static final String STREET_CENTER = "street-center";
    public static final String STREET_LEADERS = "street-leaders";
    public static final String GRID_WORKERS = "grid-workers";
    public static final String DISTRICT_MEETING = "district-meeting";
    public static final String COMMUNITY_PREFIX = "community-";
    public static final String LEADERS_SUFFIX = "-leaders";
    /** A community's caseworkers: its staff, without the grid workers who share the community's group. */
    public static final String STAFF_SUFFIX = "-staff";
    public static final String DEPARTMENT_PREFIX = "dept-";
    public static final String SUPERVISION_PREFIX = "supervision-";
    /**
     * The city dispute platform's service account(s) (docs/integration.md): registers pushed work
     * orders anywhere in the street; no Tasklist, no casework, reads no item.
     */
    public static final String PLATFORM = "platform";

    /**
     * Who may read access_audit (the page /audit and /api/audit): the administrator and the street's
     * supervising leaders. The demo organisation has no separate "center supervisor" group; the
     * street center's own staff are audited, not auditors.
     */
    public static final List<String> AUDIT_READERS = List.of(CAMUNDA_ADMIN, STREET_LEADERS);

    public static String community(String communityCode) {
        return COMMUNITY_PREFIX + communityCode;
    }

    public static String communityLeaders(String communityCode) {
        return COMMUNITY_PREFIX + communityCode + LEADERS_SUFFIX;
    }

    /** The group that works a community's cases (grading, planning, follow-up): its staff only. */
    public static String communityStaff(String communityCode) {
        return COMMUNITY_PREFIX + communityCode + STAFF_SUFFIX;
    }

    /**
     * Whether the group is a community's area group (community-C03), which grid workers share with
     * the staff: it decides who may read and report in the community, never who works its tasks.
     */
    public static boolean isCommunityArea(String group) {
        return group.startsWith(COMMUNITY_PREFIX) && group.indexOf('-', COMMUNITY_PREFIX.length()) < 0
                && group.length() > COMMUNITY_PREFIX.length();
    }

    /**
     * Reads every street and compares them: administrators and the district joint meeting. A street's own
     * center and leaders read their street only; which groups those are is data (street.center_group,
     * street.leaders_group), decided in AccessPolicy.scope (docs/streets.md).
     */
    public static boolean readsAllStreets(String group) {
        return CAMUNDA_ADMIN.equals(group) || DISTRICT_MEETING.equals(group);
    }

    /** A functional department (dept-justice ...): owns or is called into items, reports anywhere in the street. */
    public static boolean isDepartment(String group) {
        return group.startsWith(DEPARTMENT_PREFIX);
    }

    /** A supervision group (supervision-1 ...), which covers a set of communities. */
    public static boolean isSupervision(String group) {
        return group.startsWith(SUPERVISION_PREFIX);
    }

    /**
     * May register an item in any community of any street: the city platform (its work orders) and
     * administrators. A street's center (it takes the hotline) and departments (their own surveys) register
     * anywhere in their own street (AccessPolicy.scope); everyone else only in their own community's area.
     */
    public static boolean reportsAnywhere(String group) {
        return CAMUNDA_ADMIN.equals(group) || PLATFORM.equals(group);
    }

    private Groups() {
    }
}
