package casegrid.reference;

import static casegrid.item.RiskItemVariables.*;

import casegrid.process.OptionLists;
import casegrid.reference.ReferenceData.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The selects of reference data (categories, sources, closure outcomes, transfer bodies): the active codes of
 * reference_code labelled with their names, so a rename or a deactivation on /admin/reference is what
 * the next form shows, and no form carries its own list.
 */
@Component
class ReferenceOptions implements OptionLists {

    private static final Map<String, Kind> LISTS = Map.of(CATEGORY_OPTIONS, Kind.CATEGORY, SOURCE_OPTIONS, Kind.SOURCE,
            CLOSURE_OUTCOME_OPTIONS, Kind.CLOSURE_OUTCOME, TRANSFER_BODY_OPTIONS, Kind.TRANSFER_BODY);

    private final ReferenceData reference;

    ReferenceOptions(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public Set<String> names() {
        return LISTS.keySet();
    }

    @Override
    public List<Option> options(String list, DelegateTask task) {
        Kind kind = LISTS.get(list);
        if (kind == null) {
            throw new IllegalArgumentException("no option list " + list);
        }
        return reference.active(kind).entrySet().stream().map(e -> new Option(e.getValue(), e.getKey())).toList();
    }
}
