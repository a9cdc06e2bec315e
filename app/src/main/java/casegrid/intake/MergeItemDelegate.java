package casegrid.intake;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.ItemEvent;
import casegrid.item.RiskItem;
import casegrid.item.RiskItemStore;
import casegrid.item.Codes;
import casegrid.item.RiskLevel;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A confirmed repeat report: this item ends MERGED, linked to the original, whose repeat count
 * and channels grow. A repeat raises the original's suggested grade the next time it is graded
 * (repeatCount is an input of Decision_RiskGrading).
 */
@Component("mergeItem")
public class MergeItemDelegate implements JavaDelegate {

    static final String GRADING_DECISION = "Decision_RiskGrading";

    private final RiskItemStore items;

    public MergeItemDelegate(RiskItemStore items) {
        this.items = items;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = execution.getProcessBusinessKey();
        String original = ((String) execution.getVariable(DUPLICATE_OF)).trim();
        items.merge(number, original, ClockUtil.getCurrentTime());
        items.addEvent(number, null, ItemEvent.MERGED, "与 " + original + " 为同一事项，已合并");
        items.addEvent(original, null, ItemEvent.REPEAT_REPORTED, "重复反映：" + number + " 已合并到本事项");
        resuggest(execution, original);
    }

    /** Asks Decision_RiskGrading again for the original, now with one more repeat. */
    private void resuggest(DelegateExecution execution, String original) {
        RiskItem item = items.require(original);
        Map<String, Object> inputs = new HashMap<>();
        inputs.put(CATEGORY, item.category());
        inputs.put(PEOPLE_INVOLVED, item.peopleInvolved());
        inputs.put(THREAT_OF_VIOLENCE, item.threatOfViolence());
        inputs.put(INVOLVES_MINORS, item.involvesMinors());
        inputs.put(REPEAT_COUNT, item.repeatCount());
        inputs.put(CROSS_JURISDICTION, item.crossJurisdiction());
        String suggested = execution.getProcessEngineServices().getDecisionService()
                .evaluateDecisionByKey(GRADING_DECISION).variables(inputs).evaluate().getSingleEntry();
        items.resuggest(original, RiskLevel.valueOf(suggested));
        var runtime = execution.getProcessEngineServices().getRuntimeService();
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(original).processDefinitionKey(PROCESS_KEY)
                .listPage(0, 10).forEach(p -> runtime.setVariables(p.getId(),
                        Map.of(REPEAT_COUNT, item.repeatCount(), SUGGESTED_LEVEL, suggested)));
        if (item.riskLevel() != null && !suggested.equals(item.riskLevel().name())) {
            items.addEvent(original, null, ItemEvent.RESUGGESTED, "重复反映后系统建议等级为" + Codes.LEVELS.get(suggested) + "，请复核");
        }
    }
}
