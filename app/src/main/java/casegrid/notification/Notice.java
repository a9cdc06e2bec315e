package casegrid.notification;

import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Something people must hear of. {@code eventKey} names the occurrence (a task id, a supervision
 * record and its rung, ...): together with recipient and channel it is the dedupe key, so the same
 * occurrence published twice reaches nobody twice. {@code users} are told by e-mail and SMS,
 * {@code units} through their group robot.
 */
public record Notice(Kind kind, String eventKey, String number, String what, Date deadline,
                     Collection<String> users, Collection<String> units) {

    public enum Kind {
        TASK_WAITING("待办"),
        REMINDER("催办"),
        SUPERVISION("督办"),
        PUBLIC_NOTICE("通报"),
        WHISTLE_CALL("吹哨报到"),
        OUTCOME("办结告知"),
        // Reserved for the per-task deadline work (issue 12): published by its timers, composed here.
        DEADLINE_APPROACHING("即将到期"),
        DEADLINE_MISSED("已超期"),
        DAILY_DIGEST("每日待办汇总"),
        MEETING_INVITATION("会议邀请");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Notice {
        users = users == null ? List.of() : users.stream().filter(Objects::nonNull).toList();
        units = units == null ? List.of() : units.stream().filter(Objects::nonNull).toList();
    }
}
