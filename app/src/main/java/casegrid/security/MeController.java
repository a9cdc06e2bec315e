package casegrid.security;

import casegrid.org.OrgSync;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is: the mobile app shows the name and picks the intake form by the groups. */
@RestController
@RequestMapping("/api/me")
class MeController {

    record Me(String id, String name, List<String> groups) {
    }

    /** Engine queries from a request run under the engine's result limit, so they page. */
    static final int MAX_GROUPS = 500;
    private final IdentityService identityService;

    MeController(IdentityService identityService) {
        this.identityService = identityService;
    }

    @GetMapping
    Me me(Authentication authentication) {
        String userId = authentication.getName();
        User user = identityService.createUserQuery().userId(userId).singleResult();
        String name = user == null ? userId : OrgSync.printedName(user);
        List<String> groups = identityService.createGroupQuery().groupMember(userId).listPage(0, MAX_GROUPS).stream()
                .map(Group::getId).sorted().toList();
        return new Me(userId, name, groups);
    }
}
