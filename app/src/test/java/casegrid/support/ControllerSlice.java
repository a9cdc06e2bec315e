package casegrid.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.core.annotation.AliasFor;

/**
 * A controller's web layer alone (@WebMvcTest): request binding, parameter checks, problem+json and
 * the calls into its (mocked) collaborators, in a context of about two seconds with no engine and no
 * database. The security chain is off: it is tested over HTTP against the whole application
 * (@CasegridTest); a slice gives the caller as the request's principal ({@link Slices#caller}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@AutoConfigureMockMvc(addFilters = false)
public @interface ControllerSlice {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
