package casegrid.plan;

import static casegrid.item.RiskItemVariables.APPROVAL_NOTE;
import static casegrid.item.RiskItemVariables.APPROVED;

import casegrid.process.TaskInputs;

/** Every approval task (plans, extensions, closures, escalations) asks the same: yes or no, and why not. */
public final class Approvals {

    /** Reads and checks {@code approved} and {@code approvalNote}; a refusal must say why. */
    public static boolean read(TaskInputs in) {
        Boolean approved = in.bool(APPROVED, "必须选择同意或退回");
        if (Boolean.FALSE.equals(approved)) {
            in.text(APPROVAL_NOTE, "退回时必须填写意见");
        }
        in.check();
        return approved;
    }

    private Approvals() {
    }
}
