package casegrid.org;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person's name as Camunda's screens show it. Tasklist's header and Admin print {@code firstName + " " +
 * lastName}; a Chinese name has no space to split at, so the whole printed name is the first name and the last
 * name is empty, never null (which Tasklist printed as "福泰社区工作人员 null").
 */
@CasegridTest
class UserNamesTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired OrgSync orgSync;
    @Autowired JdbcClient jdbc;

    @Test
    void tasklistShowsThePersonsNameWithoutNull() {
        JsonNode profile = new Http(port).as("c05-staff").get("/engine-rest/user/c05-staff/profile").json();
        String shown = profile.path("firstName").asText() + " " + profile.path("lastName").asText();
        assertThat(shown).doesNotContain("null").isEqualTo(printedName("c05-staff") + " ");
        assertThat(new Http(port).as("c05-staff").get("/api/me").json().path("name").asText())
                .isEqualTo(printedName("c05-staff"));
    }

    @Test
    void theNextSynchronisationCorrectsAnAccountSavedWithANullLastName() {
        User user = identityService.createUserQuery().userId("c06-staff").singleResult();
        user.setLastName(null);
        identityService.saveUser(user);

        orgSync.synchronise();

        User corrected = identityService.createUserQuery().userId("c06-staff").singleResult();
        assertThat(corrected.getFirstName()).isEqualTo(printedName("c06-staff"));
        assertThat(corrected.getLastName()).isEmpty();
    }

    private String printedName(String userId) {
        return jdbc.sql("select name from person where user_id = ?").param(userId).query(String.class).single();
    }
}
