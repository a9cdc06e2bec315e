package casegrid.intake;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.RiskItemStore;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Looks for the same matter reported before, so that it is merged and not counted twice. */
@Component("findDuplicates")
public class FindDuplicatesDelegate implements JavaDelegate {

    private final RiskItemStore items;

    public FindDuplicatesDelegate(RiskItemStore items) {
        this.items = items;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> candidates = items.possibleDuplicates(execution.getProcessBusinessKey());
        execution.setVariable(DUPLICATE_CANDIDATES, String.join("，", candidates));
        execution.setVariable(HAS_DUPLICATE_CANDIDATES, !candidates.isEmpty());
        execution.setVariable(DUPLICATE_OF, "");
    }
}
