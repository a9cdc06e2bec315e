package casegrid.process;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;

/**
 * A feature's bean whose {@link HandlesForm} methods complete user tasks; {@link TaskHandlerRegistry}
 * collects them once at start-up. The shipped ones are records of the collaborators they need, so a
 * feature writes only its handlers: no constructor, no key list, no switch.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface TaskHandlers {
}
