package casegrid.notification;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How to reach people (person_contact) and who belongs to a unit (Camunda's memberships, read directly). */
@Component
public class Contacts {

    public record Contact(String userId, String phone, String email, boolean notifySms, boolean notifyEmail) {
        Optional<String> address(Channel channel) {
            String address = switch (channel) {
                case EMAIL -> notifyEmail ? email : null;
                case SMS -> notifySms ? phone : null;
                default -> null;
            };
            return Optional.ofNullable(address).filter(a -> !a.isBlank());
        }
    }

    private final JdbcClient jdbc;

    public Contacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Contact> of(String userId) {
        return jdbc.sql("select user_id, phone, email, notify_sms, notify_email from person_contact where user_id = ?")
                .param(userId).query(Contact.class).optional();
    }

    /**
     * The group's members. Read from the identity tables rather than through IdentityService, whose
     * queries are filtered by the permissions of whoever happens to be completing the task.
     */
    public List<String> members(String group) {
        return jdbc.sql("select user_id_ from act_id_membership where group_id_ = ? order by user_id_")
                .param(group).query(String.class).list();
    }
}
