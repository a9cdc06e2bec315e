package casegrid.process;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The lists a form's selects offer ({@code valuesKey}), computed by the app for one task: who may
 * hold a duty on this item, which units may own it. A form names the list; the app decides what is
 * on it, so no form carries a static list of people or units and no one types a user id.
 */
public interface OptionLists {

    /** One choice as form-js shows it: the label read, the value submitted. */
    record Option(String label, String value) {
    }

    /** The lists this app can fill (ModelRulesTest holds every form's {@code valuesKey} to them). */
    Set<String> names();

    /** The options of {@code list} for {@code task}; {@code task} is null for a start form's list (RiskItemVariables.START_FORM_OPTION_LISTS). */
    List<Option> options(String list, DelegateTask task);
}
