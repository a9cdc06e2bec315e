package casegrid.meeting;

import java.util.Date;
import java.util.List;

/** A joint meeting in the key-matters ledger (GET /api/meetings), with what it decided and its action items. */
public record MeetingView(long id, String number, String title, String community, String tier, Date escalatedAt,
                          String approvedBy, String organiser, Date conveneDue, Date convenedAt, Date meetingAt,
                          String place, List<String> invited, String outcome, List<String> attendees,
                          List<String> decisions, List<Action> actions, int openActions) {

    /** An action item: which unit does what by when. */
    public record Action(long id, String owner, Date due, String content, String state, Date doneAt) {
    }

    /** A page of the ledger, newest first. */
    public record Page(int page, int size, long total, List<MeetingView> items) {
    }
}
