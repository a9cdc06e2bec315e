package casegrid.meeting;

import casegrid.item.RiskItemStore;
import casegrid.notification.Notice;
import casegrid.notification.Notifications;
import casegrid.org.Office;
import casegrid.security.Groups;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A convened joint meeting's invitation (会议邀请) with its tier, time and place: to each invited
 * department (its robot and its people) and to the item's community (its robot and its leaders), who
 * attend every tier. The event key holds the meeting and its time: a meeting convened again at another
 * time is announced again, the same one never twice.
 */
@Component
public class MeetingInvitations {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Notifications notifications;
    private final RiskItemStore items;

    public MeetingInvitations(Notifications notifications, RiskItemStore items) {
        this.notifications = notifications;
        this.items = items;
    }

    public void invite(long meetingId, String number, String tierName, Date meetingAt, String place, List<String> departments) {
        if (!notifications.enabled()) {
            return;
        }
        String community = items.require(number).community();
        List<String> units = new ArrayList<>(departments);
        units.add(Groups.community(community));
        List<String> people = new ArrayList<>(departments);
        people.add(Groups.communityLeaders(community));
        notifications.publish(new Notice(Notice.Kind.MEETING_INVITATION, "meeting:" + meetingId + ":" + meetingAt.getTime(),
                number, "会议邀请：" + tierName + "联席会议定于 " + SHOWN.format(meetingAt.toInstant().atZone(Office.ZONE))
                + " 在" + place + "召开，请准时参加", meetingAt, notifications.membersOf(people), units));
    }
}
