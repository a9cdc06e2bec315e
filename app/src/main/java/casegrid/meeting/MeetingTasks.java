package casegrid.meeting;

import casegrid.org.Office;
import static casegrid.item.RiskItemVariables.APPROVAL_NOTE;
import static casegrid.item.RiskItemVariables.ATTENDEE_OPTIONS;
import static casegrid.meeting.MeetingDelegates.*;

import casegrid.item.ItemEvent;
import casegrid.item.RiskItemStore;
import casegrid.org.OrgDirectory;
import casegrid.plan.Approvals;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.OfferedOptions;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import casegrid.whistle.Departments;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Escalation approval, convening, minutes and an action item's completion. Action items come as
 * lines of text "负责单位|YYYY-MM-DD|内容" (what a Tasklist text area can carry) or, from REST
 * clients, as a JSON list of {owner, due, content}; the owner is a unit code or its Chinese name.
 */
@TaskHandlers
record MeetingTasks(MeetingStore meetings, RiskItemStore items, OrgDirectory org, MeetingInvitations invitations) {

    static final String MEETING_AT = "meetingAt";
    static final String PLACE = "place";
    static final String INVITED = "invitedDepartments";
    static final String ATTENDEES = "attendees";
    /** The attendees picked from the meeting's list (user ids); the form's other attendees stay in ATTENDEES. */
    static final String ATTENDING_STAFF = "attendingStaff";
    static final String DECISIONS = "decisions";
    static final String ACTION_ITEMS = "actionItems";
    static final String ACTION_NOTE = "actionNote";

    @HandlesForm("approve-escalation")
    Completion approve(DelegateTask task, TaskInputs in, String number, String actor) {
        String tierName = (String) task.getVariable(TIER_NAME);
        if (!Approvals.read(in)) {
            return Completion.of(ItemEvent.ESCALATION_REJECTED, "不同意提交" + tierName + "联席会议：" + in.optionalText(APPROVAL_NOTE));
        }
        task.getExecution().setVariable(ESCALATION_APPROVED_BY, actor);
        return Completion.of(ItemEvent.ESCALATION_APPROVED, "同意提交" + tierName + "联席会议");
    }

    @HandlesForm("convene-meeting")
    Completion convene(DelegateTask task, TaskInputs in, String number, String actor) {
        Date meetingAt = dateTime(in, task.getVariable(MEETING_AT));
        String place = in.text(PLACE, "必须填写会议地点");
        List<String> invited = Departments.codes(task.getVariable(INVITED));
        List<String> unknown = invited.stream().filter(d -> !org.isDepartment(d)).toList();
        if (!unknown.isEmpty()) {
            in.problem(INVITED, "没有这些部门：" + String.join("、", unknown));
        }
        in.check();
        long meetingId = ((Number) task.getVariable(MEETING_ID)).longValue();
        meetings.convened(meetingId, actor, meetingAt, place, invited);
        // The normalised list replaces whatever the form sent (a Json list, a string), for the next forms.
        task.getExecution().setVariable(INVITED, String.join(",", invited));
        List<String> names = invited.stream().map(meetings::unitName).toList();
        invitations.invite(meetingId, number, (String) task.getVariable(TIER_NAME), meetingAt, place, invited);
        for (String department : invited) {
            items.addEvent(number, actor, ItemEvent.MEETING_INVITED, "受邀参加" + task.getVariable(TIER_NAME) + "联席会议（"
                    + shown(meetingAt) + "，" + place + "）", department);
        }
        String summary = task.getVariable(TIER_NAME) + "联席会议定于 " + shown(meetingAt) + " 在" + place + "召开"
                + (names.isEmpty() ? "" : "，参会部门：" + String.join("、", names));
        return Completion.of(ItemEvent.MEETING_CONVENED, summary);
    }

    @HandlesForm("record-minutes")
    Completion minutes(DelegateTask task, TaskInputs in, String number, String actor) {
        List<String> attendees = attendees(task, in);
        List<String> decisions = lines(in.text(DECISIONS, "必须填写议定事项"), "\\n+");
        String outcome = in.oneOf(MEETING_OUTCOME, List.of("RESOLVED", "UNRESOLVED"), "必须选择会议结果");
        List<MeetingStore.ActionItem> actions = actionItems(in, task.getVariable(ACTION_ITEMS));
        in.check();
        long meetingId = ((Number) task.getVariable(MEETING_ID)).longValue();
        meetings.minutes(meetingId, number, actor, outcome, attendees, decisions, actions);
        // The contract's attendees: everyone who attended as one text, whichever way they were named.
        task.getExecution().setVariable(ATTENDEES, String.join("、", attendees));
        String summary = task.getVariable(TIER_NAME) + "联席会议" + ("RESOLVED".equals(outcome) ? "已化解" : "未化解")
                + "；参会 " + attendees.size() + " 人；议定事项：" + String.join("；", decisions)
                + (actions.isEmpty() ? "" : "；分派任务 " + actions.size() + " 项");
        return Completion.of(ItemEvent.MEETING_HELD, summary);
    }

    @HandlesForm("complete-action-item")
    Completion actionDone(DelegateTask task, TaskInputs in, String number, String actor) {
        String note = in.onlyNote(ACTION_NOTE, "必须填写落实情况");
        meetings.actionDone(((Number) task.getVariable(ACTION_ID)).longValue(), note);
        String summary = "会议任务已落实：" + task.getVariable("actionContent") + "。" + note;
        return Completion.of(ItemEvent.ACTION_ITEM_DONE, summary).concerning((String) task.getVariable(OWNER));
    }

    /**
     * Who attended: the people picked from the meeting's list (attendingStaff, user ids), printed as the list
     * labels them, "姓名（单位）", then the others written in attendees (residents' representatives, lawyers...).
     * A REST client may still send attendees as text alone (CONTRACT.md).
     */
    private static List<String> attendees(DelegateTask task, TaskInputs in) {
        List<String> attendees = new ArrayList<>();
        Map<String, String> offered = OfferedOptions.offered(task, ATTENDEE_OPTIONS);
        List<String> staff = Departments.codes(task.getVariable(ATTENDING_STAFF));
        List<String> unknown = staff.stream().filter(id -> !offered.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            in.problem(ATTENDING_STAFF, "不是本次会议可选的参会人员：" + String.join("、", unknown));
        }
        staff.stream().filter(offered::containsKey).map(offered::get).forEach(attendees::add);
        lines(in.optionalText(ATTENDEES), "[\\n,，、;；]+").stream().filter(a -> !attendees.contains(a)).forEach(attendees::add);
        if (attendees.isEmpty() && unknown.isEmpty()) {
            in.problem(ATTENDEES, "必须选择或填写参会人员");
        }
        return attendees;
    }

    private List<MeetingStore.ActionItem> actionItems(TaskInputs in, Object value) {
        List<MeetingStore.ActionItem> actions = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        List<JsonNode> objects = value == null || !value.toString().trim().startsWith("[") ? List.of() : Departments.objects(value);
        if (!objects.isEmpty()) {
            objects.stream().map(o -> new String[] {o.path("owner").asText(""), o.path("due").asText(""),
                            o.path("content").asText("")})
                    // The form's list starts with one row; left empty, it is no task.
                    .filter(row -> !String.join("", row).isBlank()).forEach(rows::add);
        } else if (value != null) {
            for (String line : lines(value.toString(), "\\n+")) {
                String[] parts = line.split("[|｜]", 3);
                rows.add(parts.length == 3 ? parts : new String[] {line, "", ""});
            }
        }
        Date now = ClockUtil.getCurrentTime();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            String where = "第 " + (i + 1) + " 项任务";
            var owner = meetings.unit(row[0].trim());
            Date due = TaskInputs.parseDate(row[1].trim());
            if (row[1].isBlank() && row[2].isBlank()) {
                in.problem(ACTION_ITEMS, where + "格式应为“负责单位|YYYY-MM-DD|任务内容”");
                continue;
            }
            if (owner.isEmpty()) {
                in.problem(ACTION_ITEMS, where + "的负责单位“" + row[0].trim() + "”不存在");
            }
            if (due == null) {
                in.problem(ACTION_ITEMS, where + "的完成时限应为 YYYY-MM-DD");
            } else if (!due.after(now)) {
                in.problem(ACTION_ITEMS, where + "的完成时限已过");
            }
            if (row[2].isBlank()) {
                in.problem(ACTION_ITEMS, where + "没有任务内容");
            }
            if (owner.isPresent() && due != null) {
                actions.add(new MeetingStore.ActionItem(owner.get(), due, row[2].trim()));
            }
        }
        return actions;
    }

    /** A meeting time as the date-time picker sends it ("2026-11-25T14:00", with or without offset). */
    private static Date dateTime(TaskInputs in, Object value) {
        if (value == null || value.toString().isBlank()) {
            in.problem(MEETING_AT, "必须填写会议时间");
            return null;
        }
        Date date = value instanceof Date d ? d : null;
        if (date == null) {
            String text = value.toString().trim();
            try {
                date = Date.from(LocalDateTime.parse(text).atZone(Office.ZONE).toInstant());
            } catch (DateTimeParseException e) {
                date = text.length() > 10 ? TaskInputs.parseDate(text) : null;
            }
        }
        if (date == null) {
            in.problem(MEETING_AT, "会议时间格式应为 YYYY-MM-DDTHH:mm");
        }
        return date;
    }

    private static List<String> lines(String text, String separators) {
        return text == null ? List.of()
                : Arrays.stream(text.split(separators)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
