package casegrid.process;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What process designers' expressions may reach. On a bean class: the bean is visible to models under
 * its bean name. On a public method of such a class: models may call it ({@code ${whistleCalls.held(whistleId,
 * department)}}), or read it as a property when it is a getter ({@code ${schedules.weeklyReview}}). Nothing
 * else of the bean is reachable. Designers deploy without a review of code, so everything published here
 * must be safe to call with any arguments from any model: read-only or idempotent routing help, and it must
 * not hand out case data (a model can put any value into a task name that it routes to anyone).
 *
 * <p>Listed for designers in docs/deploying-models.md; a method name may be published once per number of
 * parameters, so that a model's call always means one method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ModelApi {
}
