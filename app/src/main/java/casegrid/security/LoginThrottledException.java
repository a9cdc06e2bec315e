package casegrid.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A login refused unchecked because this source failed too often for this account: 429 with Retry-After. */
class LoginThrottledException extends AuthenticationException {

    private final transient Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("login throttled");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
