package casegrid.notification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo street's contact data: every account gets an address under the reserved .invalid domain,
 * so a demo with a real mail server configured still reaches nobody. No demo phone numbers: an
 * invented number may belong to somebody. Runs after OrgSync has created the accounts (the app is
 * ready only after every runner); never in production, where the organisation supplies contacts.
 */
@Component
class DemoContacts {

    static final String DEMO_DOMAIN = "@demo.casegrid.invalid";

    private final JdbcClient jdbc;
    private final boolean demo;

    DemoContacts(JdbcClient jdbc, @Value("${casegrid.demo.enabled}") boolean demo) {
        this.jdbc = jdbc;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void fill() {
        if (demo) {
            jdbc.sql("insert into person_contact (user_id, email) select id_, id_ || ? from act_id_user on conflict do nothing")
                    .param(DEMO_DOMAIN).update();
        }
    }
}
