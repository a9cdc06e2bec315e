package casegrid.security;

import casegrid.org.OrgSync;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Break-glass for the administrator (docs/security.md): started with {@code CASEGRID_ADMIN_UNLOCK=true},
 * casegrid clears the admin account's failed logins and any lock the engine holds on it (for instance
 * one left by an earlier version's permanent lock), and forgets the throttle's counts for it. Only
 * someone who can restart the service can do this; remove the variable again afterwards.
 */
@Component
class AdminBreakGlass {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBreakGlass.class);

    private final IdentityService identityService;
    private final LoginThrottle throttle;
    private final boolean unlockAtStart;

    AdminBreakGlass(IdentityService identityService, LoginThrottle throttle,
                    @Value("${casegrid.login-throttle.admin-unlock:false}") boolean unlockAtStart) {
        this.identityService = identityService;
        this.throttle = throttle;
        this.unlockAtStart = unlockAtStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        if (unlockAtStart) {
            unlockAdmin();
        }
    }

    void unlockAdmin() {
        identityService.unlockUser(OrgSync.ADMIN_USER);
        throttle.release(OrgSync.ADMIN_USER);
        LOG.warn("CASEGRID_ADMIN_UNLOCK: failed logins and lock of '{}' cleared; unset the variable again.",
                OrgSync.ADMIN_USER);
    }
}
