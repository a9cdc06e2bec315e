package casegrid.deadline;

import casegrid.process.ModelApi;
import org.springframework.stereotype.Component;

/**
 * The configured schedules as models read them in their timer start events, e.g.
 * {@code ${schedules.weeklyReview}}: six-field crons from {@code casegrid.deadlines.*}.
 */
@ModelApi
@Component("schedules")
public class Schedules {

    private final DeadlineProperties deadlines;

    public Schedules(DeadlineProperties deadlines) {
        this.deadlines = deadlines;
    }

    @ModelApi
    public String getDailyCheck() {
        return deadlines.getDailyCheck();
    }

    @ModelApi
    public String getWeeklyReview() {
        return deadlines.getWeeklyReview();
    }

    @ModelApi
    public String getMonthlyStats() {
        return deadlines.getMonthlyStats();
    }
}
