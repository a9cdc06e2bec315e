package casegrid.item;

import java.util.Date;

/**
 * An item's deadlines as stored on its row: T+2 feedback, the next weekly update, resolve-by and
 * the follow-up visit after write-off. The process variables the timers read are copied from
 * here (ItemDeadlines), never the other way round. In a change, null means "unchanged".
 */
public record Deadlines(Date feedbackDue, Date weeklyUpdateDue, Date resolveBy, Date followUpDue) {

    public static final Deadlines UNCHANGED = new Deadlines(null, null, null, null);

    public Deadlines withFeedbackDue(Date due) {
        return new Deadlines(due, weeklyUpdateDue, resolveBy, followUpDue);
    }

    public Deadlines withWeeklyUpdateDue(Date due) {
        return new Deadlines(feedbackDue, due, resolveBy, followUpDue);
    }

    public Deadlines withResolveBy(Date due) {
        return new Deadlines(feedbackDue, weeklyUpdateDue, due, followUpDue);
    }

    public Deadlines withFollowUpDue(Date due) {
        return new Deadlines(feedbackDue, weeklyUpdateDue, resolveBy, due);
    }

    /** The next deadline the resolver faces: the weekly update or resolve-by, whichever comes first. */
    public Date next() {
        if (weeklyUpdateDue == null || resolveBy == null) {
            return null;
        }
        return weeklyUpdateDue.before(resolveBy) ? weeklyUpdateDue : resolveBy;
    }
}
