package casegrid.notification;

import casegrid.item.RiskItem;
import casegrid.item.RiskItemStore;
import casegrid.item.RiskLevel;
import casegrid.org.Office;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one entry point for telling people something: callers publish a {@link Notice} inside the
 * transaction of the event, and this writes one outbox row per recipient and configured channel
 * (delivered later by {@link NotificationWorker}), so an event that rolls back tells nobody.
 *
 * <p>Only deliverable rows are written: a recipient without an address, or a channel that is not
 * configured, gets none. With no channel configured nothing is written at all, so an installation
 * without notifications keeps an empty table, and configuring a channel later does not flood people
 * with the backlog of old events (the item's timeline keeps the history).
 *
 * <p>Messages carry the item's number, title, the deadline and a link to the case page, never a
 * party's name or phone number: names of the item's parties are blotted out of the title, and so
 * is anything that looks like a phone number.
 */
@Component
public class Notifications {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Pattern PHONE = Pattern.compile("(?<![0-9])(?:\\+?86[- ]?)?(?:1[0-9]{10}|0[0-9]{2,3}-?[0-9]{7,8}|[0-9]{7,8})(?![0-9])");

    private final JdbcClient jdbc;
    private final RiskItemStore items;
    private final Contacts contacts;
    private final NotificationProperties settings;
    private final ReferenceData reference;

    public Notifications(JdbcClient jdbc, RiskItemStore items, Contacts contacts, NotificationProperties settings,
                         ReferenceData reference) {
        this.reference = reference;
        this.jdbc = jdbc;
        this.items = items;
        this.contacts = contacts;
        this.settings = settings;
    }

    /** Writes the notice's outbox rows in the caller's transaction; returns how many were written. */
    public int publish(Notice notice) {
        if (!enabled()) {
            return 0;
        }
        RiskItem item = notice.number() == null ? null : items.item(notice.number()).orElse(null);
        if (item == null && notice.number() != null) {
            // A business key that is no item (a daily check's): the notice links to Tasklist instead.
            notice = new Notice(notice.kind(), notice.eventKey(), null, notice.what(), notice.deadline(),
                    notice.users(), notice.units());
        }
        String title = item == null ? "" : withoutPersonalData(notice.number(), item.title());
        boolean high = item != null && item.riskLevel() == RiskLevel.HIGH;
        String subject = subject(notice, title);
        String body = withoutPersonalData(notice.number(), body(notice, title));
        Date now = ClockUtil.getCurrentTime();
        int written = 0;
        for (String user : new LinkedHashSet<>(notice.users())) {
            if (user == null || user.isBlank()) {
                continue;
            }
            Contacts.Contact contact = contacts.of(user).orElse(null);
            if (contact == null) {
                continue;
            }
            if (settings.getEmail().configured() && contact.address(Channel.EMAIL).isPresent()) {
                written += write(notice, Channel.EMAIL, user, subject, body, high, now);
            }
            if (settings.getSms().configured() && contact.address(Channel.SMS).isPresent()) {
                written += write(notice, Channel.SMS, user, subject, body, high, now);
            }
        }
        for (String unit : new LinkedHashSet<>(notice.units())) {
            if (unit == null) {
                continue;
            }
            String webhook = settings.robotFor(unit).orElse(null);
            if (webhook != null) {
                written += write(notice, RobotSender.formatOf(webhook), unit, subject, body, high, now);
            }
        }
        return written;
    }

    /** 催办/督办/通报 on a supervision record: to the unit's robot and its leaders (or, without a leaders' group, its people). */
    public void ladderRung(Notice.Kind rung, long supervisionRecordId, String number, String unit, Object missedDeadline,
                           Date replyDue) {
        if (!enabled() || unit == null) {
            return;
        }
        List<String> leaders = contacts.members(unit + "-leaders");
        publish(new Notice(rung, "supervision:" + supervisionRecordId + ":" + rung, number,
                rung.label() + "：" + (missedDeadline == null ? "办理期限" : missedDeadline) + "已超期，请尽快办理并回复",
                replyDue, leaders.isEmpty() ? contacts.members(unit) : leaders, List.of(unit)));
    }

    /** A whistle calls a department in: its robot and its people hear of the report-in deadline. */
    public void whistleCall(long whistleId, String number, String department, String departmentName, Date due) {
        if (!enabled()) {
            return;
        }
        publish(new Notice(Notice.Kind.WHISTLE_CALL, "whistle:" + whistleId + ":" + department, number,
                "吹哨报到：请" + departmentName + "在期限前到社区报到并提出处置意见", due, contacts.members(department),
                List.of(department)));
    }

    /** The item is closed: the grid worker who reported it hears the outcome. */
    public void outcome(String number, Date closedAt) {
        if (!enabled()) {
            return;
        }
        RiskItem item = items.require(number);
        String reporter = item.reportedBy();
        String outcomeLabel = item.closureOutcome() == null ? null : reference.name(Kind.CLOSURE_OUTCOME, item.closureOutcome());
        publish(new Notice(Notice.Kind.OUTCOME, "closed:" + number + ":" + closedAt.getTime(), number,
                "您上报的事项已办结销号" + (outcomeLabel == null ? "" : "，化解结果：" + outcomeLabel), null,
                reporter == null ? List.of() : List.of(reporter), List.of()));
    }

    /** The members of each group, for notices to "the unit's people". */
    public Set<String> membersOf(List<String> groups) {
        Set<String> users = new LinkedHashSet<>();
        groups.forEach(group -> users.addAll(contacts.members(group)));
        return users;
    }

    /** Whether any channel is configured; without one, publishing does nothing. */
    public boolean enabled() {
        return settings.getEmail().configured() || settings.getSms().configured() || !settings.getRobots().isEmpty()
                || (settings.getRobotList() != null && !settings.getRobotList().isBlank());
    }

    private int write(Notice notice, Channel channel, String recipient, String subject, String body, boolean high, Date now) {
        String dedupeKey = notice.eventKey() + "|" + channel + "|" + recipient;
        return jdbc.sql("""
                insert into notification_outbox (dedupe_key, kind, number, channel, recipient, subject, body, priority,
                    status, attempts, next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) on conflict (dedupe_key) do nothing""")
                .params(dedupeKey, notice.kind().name(), notice.number(), channel.name(), recipient,
                        truncate(subject, 200), body, high ? "HIGH" : "NORMAL", RiskItemStore.ts(now), RiskItemStore.ts(now))
                .update();
    }

    private static String subject(Notice notice, String title) {
        String label = "【" + notice.kind().label() + "】";
        // A multi-line text (the daily digest) is summed up by its first line.
        return notice.number() == null ? label + notice.what().lines().findFirst().orElse("") : label + notice.number() + " " + title;
    }

    private String body(Notice notice, String title) {
        StringBuilder text = new StringBuilder();
        text.append("【").append(notice.kind().label()).append("】").append(notice.what()).append('\n');
        if (notice.number() != null) {
            text.append("事项编号：").append(notice.number()).append('\n');
            text.append("事项标题：").append(title).append('\n');
        }
        if (notice.kind() != Notice.Kind.DAILY_DIGEST) { // the digest lists a deadline per task
            text.append("办理期限：").append(notice.deadline() == null ? "未设定"
                    : SHOWN.format(notice.deadline().toInstant().atZone(Office.ZONE))).append('\n');
        }
        String base = settings.getBaseUrl().replaceAll("/+$", "");
        text.append("详情：").append(notice.number() == null ? base + "/camunda/app/tasklist/" : base + "/items/" + notice.number());
        return text.toString();
    }

    /** The text with the item's parties' names and anything phone-like blotted out. */
    public String withoutPersonalData(String number, String text) {
        if (text == null) {
            return "";
        }
        String clean = text;
        if (number != null) {
            for (RiskItemStore.Party party : items.parties(number)) {
                if (party.name() != null && !party.name().isBlank()) {
                    clean = clean.replace(party.name(), "**");
                }
                if (party.phone() != null && !party.phone().isBlank()) {
                    clean = clean.replace(party.phone(), "***");
                }
            }
        }
        return PHONE.matcher(clean).replaceAll("***");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
