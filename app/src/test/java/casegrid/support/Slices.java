package casegrid.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What the controller slices ({@link ControllerSlice}) share. */
public final class Slices {

    private Slices() {
    }

    /** The signed-in caller, as the security chain would leave it on the request. */
    public static RequestPostProcessor caller(String user, String... groups) {
        return request -> {
            request.setUserPrincipal(new TestingAuthenticationToken(user, null, groups));
            return request;
        };
    }

    /** 400 problem+json whose {@code errors} name exactly these fields. */
    public static ResultMatcher problemNaming(String... fields) {
        return ResultMatcher.matchAll(status().isBadRequest(),
                content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.errors[*].field").value(containsInAnyOrder((Object[]) fields)));
    }

    /** A slice that pulled in the engine or the database would be the whole application again, only slower. */
    public static void assertNoEngineNorDatabase(ApplicationContext context) {
        assertThat(context.getBeanNamesForType(ProcessEngine.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
    }
}
