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

    public DeadlineTimers(DeadlineProperties deadlines,
                          @Value("${casegrid.deadlines.feedback-chase:P1D}") String feedbackChase,
                          @Value("${casegrid.deadlines.chase-every:P1D}") String chaseEvery) {
        this.deadlines = deadlines;
        this.feedbackChase = feedbackChase;
        this.chaseEvery = chaseEvery;
        // A typo must stop the start-up, not the first timer.
        feedbackChaseInterval();
        repeatInterval();
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
