package casegrid.intake;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.RiskItemStore;
import casegrid.process.TaskInputs;
import casegrid.web.ApiException;
import casegrid.web.InvalidRequestException;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * First step of riskItem. Items from the REST API arrive registered: IntakeService started the
 * instance with the new number as business key (a client cannot set one, see ClientInputGuard). A
 * walk-in registered through the Tasklist start form has no business key yet: it is validated
 * exactly like the API's and registered here, reported by whoever is logged in. The form's party
 * fields are personal data: they go to the item's tables and are removed from the process.
 * Nothing here reads the {@code number} or {@code initiator} a client may have sent.
 */
@Component("registerItem")
public class RegisterItemDelegate implements JavaDelegate {

    static final List<String> FORM_ONLY = List.of("description", "subcategory", "source", "grid", "occurredAt",
            "partyName", "partyPhone");
    private final IntakeService intake;
    private final IntakeValidator validator;
    private final RiskItemStore items;

    public RegisterItemDelegate(IntakeService intake, IntakeValidator validator, RiskItemStore items) {
        this.intake = intake;
        this.validator = validator;
        this.items = items;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = execution.getProcessBusinessKey();
        if (number == null || number.isBlank()) {
            number = registerFromStartForm(execution);
        }
        // An item belongs to the instance its intake started; an instance naming someone else's number stops here.
        if (!items.bindProcess(number, execution.getProcessInstanceId())) {
            throw InvalidRequestException.of("businessKey", "事项编号由系统在登记时分配，不能指定（" + number + "）");
        }
    }

    private String registerFromStartForm(DelegateExecution execution) {
        String reporter = authenticatedUser(execution);
        Object initiator = execution.getVariable(INITIATOR);
        if (initiator != null && !reporter.equals(initiator)) {
            throw InvalidRequestException.of(INITIATOR, "登记人只能是当前登录用户本人");
        }
        IntakeRequest request = fromStartForm(execution);
        validator.validate(request);
        try {
            intake.requireMayReportIn(reporter, request.community());
        } catch (ApiException outsideArea) {
            // Tasklist shows the engine's 403 with this message.
            throw new AuthorizationException(outsideArea.getMessage());
        }
        String number = intake.createItem(request, reporter);
        execution.setProcessBusinessKey(number);
        execution.removeVariables(FORM_ONLY);
        execution.setVariables(intake.contextVariables(number));
        return number;
    }

    /** The reporter of a walk-in is the logged-in user; an unauthenticated start registers nothing. */
    private static String authenticatedUser(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            throw new AuthorizationException("登记事项须先登录：登记人是当前登录用户。");
        }
        return authentication.getUserId();
    }

    /** The start form's fields, strictly typed: "notabool", 2.7 people or a malformed time are refused, not coerced. */
    static IntakeRequest fromStartForm(DelegateExecution execution) {
        TaskInputs in = new TaskInputs(execution);
        String partyName = in.optionalText("partyName");
        List<IntakeRequest.PartyInput> parties = partyName == null ? List.of()
                : List.of(new IntakeRequest.PartyInput(partyName, in.optionalText("partyPhone"), null));
        IntakeRequest request = new IntakeRequest(in.optionalText(TITLE), in.optionalText("description"),
                in.optionalText(CATEGORY), in.optionalText("subcategory"), in.optionalText("source"),
                in.optionalText(COMMUNITY), in.optionalText("grid"), in.optionalText(ADDRESS),
                in.optionalDateTime("occurredAt"), in.optionalInteger(PEOPLE_INVOLVED), parties,
                in.flag(THREAT_OF_VIOLENCE), in.flag(INVOLVES_MINORS), in.flag(CROSS_JURISDICTION));
        in.check();
        return request;
    }
}
