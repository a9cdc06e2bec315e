package casegrid.supervision;

import casegrid.deadline.DeadlineProperties;
import casegrid.process.ModelApi;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Timer cycles for the BPMN: a missed deadline is chased again every interval until the work is
 * done, each time one step further up the supervision ladder.
 */
@ModelApi
@Component("deadlineTimers")
public class DeadlineTimers {

    private final DeadlineProperties deadlines;
    private final String feedbackChase;
    private final String chaseEvery;
    private final Duration chaseSpread;

    public DeadlineTimers(DeadlineProperties deadlines,
                          @Value("${casegrid.deadlines.feedback-chase:P1D}") String feedbackChase,
                          @Value("${casegrid.deadlines.chase-every:P1D}") String chaseEvery,
                          @Value("${casegrid.deadlines.chase-spread:PT1H}") String chaseSpread) {
        this.deadlines = deadlines;
        this.feedbackChase = feedbackChase;
        this.chaseEvery = chaseEvery;
        // A typo must stop the start-up, not the first timer.
        feedbackChaseInterval();
        repeatInterval();
        this.chaseSpread = Duration.parse(chaseSpread);
        if (this.chaseSpread.isNegative() || this.chaseSpread.compareTo(feedbackChaseInterval()) >= 0) {
            throw new IllegalArgumentException("casegrid.deadlines.chase-spread must be at least 0 and shorter than "
                    + "feedback-chase (" + feedbackChase + "): " + chaseSpread);
        }
    }

    /**
     * From a task's due time, again every chase-every interval (default daily) until the task is done:
     * a department that stays silent after the first chase is chased again (report-in, convening, action items).
     */
    @ModelApi
    public String repeatFrom(Date due) {
        return cycle(due, chaseEvery);
    }

    public Duration repeatInterval() {
        return Duration.parse(chaseEvery);
    }

    /** From the T+2 due time, again every feedback-chase interval (default daily). */
    @ModelApi
    public String dailyFrom(Date due) {
        return cycle(due, feedbackChase);
    }

    /**
     * As {@link #dailyFrom(Date)}, each item at its own fixed offset within chase-spread (default one
     * hour) after the due time: at 100k open items the daily chases of missed T+2 deadlines no longer fall
     * due at one instant (bench/README.md, "The daily re-chase herd"). The offset is shorter than the
     * interval, so each item is still chased once a day, and the miss recorded is still the one of the
     * due time (MissedDeadlineDelegate counts occurrences from the due time).
     */
    @ModelApi
    public String dailyFrom(Date due, String itemNumber) {
        return cycle(new Date(due.getTime() + spreadOffset(itemNumber).toMillis()), feedbackChase);
    }

    /** A deterministic offset in [0, chase-spread) for an item, whole seconds, evenly spread over item numbers. */
    public Duration spreadOffset(String itemNumber) {
        long window = chaseSpread.toSeconds();
        if (window <= 0 || itemNumber == null) {
            return Duration.ZERO;
        }
        long mixed = itemNumber.hashCode() * 0x9E3779B97F4A7C15L;
        return Duration.ofSeconds(Math.floorMod(mixed ^ (mixed >>> 29), window));
    }

    /** From the weekly update's due time, again every weekly-update interval. */
    @ModelApi
    public String weeklyFrom(Date due) {
        return cycle(due, deadlines.getWeeklyUpdate());
    }

    public Duration feedbackChaseInterval() {
        return Duration.parse(feedbackChase);
    }

    public Duration weeklyUpdateInterval() {
        return Duration.parse(deadlines.getWeeklyUpdate());
    }

    static String cycle(Date start, String interval) {
        return "R/" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.toInstant().atOffset(ZoneOffset.UTC)) + "/" + interval;
    }
}
