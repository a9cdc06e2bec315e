package casegrid.intake;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.ItemEvent;
import casegrid.item.ItemStatus;
import casegrid.item.RiskItemStore;
import casegrid.item.Codes;
import java.util.Date;
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
        Map<String, Object> item = items.find(number).orElseThrow();
        items.update(number, Map.of("status", ItemStatus.MERGED.name(), "merged_into", original));
        items.incrementCounter(original, "repeat_count");
        items.addSource(original, (String) item.get("source"), number, new Date(ClockUtil.getCurrentTime().getTime()));
        items.addEvent(number, null, ItemEvent.MERGED, "与 " + original + " 为同一事项，已合并");
        items.addEvent(original, null, ItemEvent.REPEAT_REPORTED, "重复反映：" + number + " 已合并到本事项");
        resuggest(execution, original);
    }

    /** Asks Decision_RiskGrading again for the original, now with one more repeat. */
    private void resuggest(DelegateExecution execution, String original) {
        Map<String, Object> row = items.find(original).orElseThrow();
        Map<String, Object> inputs = new HashMap<>();
        inputs.put(CATEGORY, row.get("category"));
        inputs.put(PEOPLE_INVOLVED, row.get("people_involved"));
        inputs.put(THREAT_OF_VIOLENCE, row.get("threat_of_violence"));
        inputs.put(INVOLVES_MINORS, row.get("involves_minors"));
        inputs.put(REPEAT_COUNT, row.get("repeat_count"));
        inputs.put(CROSS_JURISDICTION, row.get("cross_jurisdiction"));
        String suggested = execution.getProcessEngineServices().getDecisionService()
                .evaluateDecisionByKey(GRADING_DECISION).variables(inputs).evaluate().getSingleEntry();
        items.update(original, Map.of("suggested_level", suggested));
        var runtime = execution.getProcessEngineServices().getRuntimeService();
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(original).processDefinitionKey(PROCESS_KEY)
                .listPage(0, 10).forEach(p -> runtime.setVariables(p.getId(),
                        Map.of(REPEAT_COUNT, row.get("repeat_count"), SUGGESTED_LEVEL, suggested)));
        if (row.get("risk_level") != null && !suggested.equals(row.get("risk_level"))) {
            items.addEvent(original, null, ItemEvent.RESUGGESTED, "重复反映后系统建议等级为" + Codes.LEVELS.get(suggested) + "，请复核");
        }
    }
}
