package casegrid.process;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that completes every user task showing this form ({@code camunda:formRef}). The
 * method has the one handler shape
 * {@code Completion name(DelegateTask task, TaskInputs in, String number, String actor)}: it checks
 * what the form sent (a bad field stops the completion with a message naming it), records the outcome
 * in the item's tables inside the completion's transaction, and says which domain event it was.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HandlesForm {

    /** The form's id, as {@code camunda:formRef} names it. */
    String value();
}
