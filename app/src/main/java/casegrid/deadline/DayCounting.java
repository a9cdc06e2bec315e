package casegrid.deadline;

/** How the days of a deadline are counted; see {@link DeadlineCalculator} for the exact rules. */
public enum DayCounting {
    /** Only working days of the {@link WorkingCalendar} count, and the deadline falls at the end of a day. */
    WORKING,
    /** Every day counts, as elapsed time from the start. */
    CALENDAR
}
