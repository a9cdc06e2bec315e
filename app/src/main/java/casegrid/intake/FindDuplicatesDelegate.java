package casegrid.intake;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.DuplicateCandidate;
import casegrid.item.RiskItemStore;
import java.util.List;
import java.util.stream.Collectors;
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
        List<DuplicateCandidate> candidates = items.possibleDuplicates(execution.getProcessBusinessKey());
        // App-owned text (ClientInputGuard), one candidate a line with its reason, for 重复事项研判.
        execution.setVariable(DUPLICATE_CANDIDATES,
                candidates.stream().map(DuplicateCandidate::describe).collect(Collectors.joining("\n")));
        execution.setVariable(HAS_DUPLICATE_CANDIDATES, !candidates.isEmpty());
        execution.setVariable(DUPLICATE_OF, "");
    }
}
