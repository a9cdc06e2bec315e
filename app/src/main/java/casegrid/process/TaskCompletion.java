package casegrid.process;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * What completing a user task means for the item: check what the form sent (a bad field stops
 * the completion with a message naming it) and write it to the item's tables. Runs inside the
 * completion's transaction.
 */
public interface TaskCompletion {

    /** The task definition keys this handles. */
    Set<String> taskKeys();

    /** Validates and records the task's outcome; returns a short summary for the item's timeline. */
    String complete(DelegateTask task, String actor);
}
