package casegrid.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks HTTP basic credentials against the engine's identity service: one set of users for Tasklist
 * and the API. A source that failed too often for an account is refused before the check (429).
 */
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final LoginThrottle throttle;

    CamundaIdentityAuthenticationProvider(IdentityService identityService, LoginThrottle throttle) {
        this.identityService = identityService;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        String source = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Optional<Duration> blocked = throttle.blockedFor(source, userId);
        if (blocked.isPresent()) {
            throw new LoginThrottledException(blocked.get());
        }
        if (userId == null || credentials == null
                || !identityService.checkPassword(userId, credentials.toString())) {
            throw new BadCredentialsException(throttle.failed(source, userId)
                    .map(wait -> "bad credentials; this source now waits " + wait + " for this account")
                    .orElse("bad credentials"));
        }
        throttle.succeeded(source, userId);
        return authenticated(identityService, userId);
    }

    static UsernamePasswordAuthenticationToken authenticated(IdentityService identityService, String userId) {
        List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(userId).listPage(0, MeController.MAX_GROUPS).stream()
                .map(Group::getId).map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
