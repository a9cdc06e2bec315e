package casegrid.intake;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.RiskItemStore;
import casegrid.web.ApiException;
import casegrid.web.InvalidRequestException;
import java.math.BigDecimal;
import org.camunda.bpm.engine.AuthorizationException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * First step of riskItem. Items from the REST API arrive registered (number and business key set);
 * a walk-in registered through the Tasklist start form is validated exactly like the API's and
 * registered here. The form's party fields are personal data: they go to the item's tables and
 * are removed from the process.
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
        String number = (String) execution.getVariable(NUMBER);
        if (number == null) {
            String reporter = (String) execution.getVariable(INITIATOR);
            IntakeRequest request = fromStartForm(execution);
            validator.validate(request);
            try {
                intake.requireMayReportIn(reporter, request.community());
            } catch (ApiException outsideArea) {
                // Tasklist shows the engine's 403 with this message.
                throw new AuthorizationException(outsideArea.getMessage());
            }
            number = intake.createItem(request, reporter == null ? "system" : reporter);
            execution.setProcessBusinessKey(number);
            execution.removeVariables(FORM_ONLY);
            execution.setVariables(intake.contextVariables(number));
        }
        items.update(number, Map.of("process_instance_id", execution.getProcessInstanceId()));
    }

    static IntakeRequest fromStartForm(DelegateExecution execution) {
        String partyName = text(execution, "partyName");
        List<IntakeRequest.PartyInput> parties = partyName == null ? List.of()
                : List.of(new IntakeRequest.PartyInput(partyName, text(execution, "partyPhone"), null));
        return new IntakeRequest(text(execution, TITLE), text(execution, "description"), text(execution, CATEGORY),
                text(execution, "subcategory"), text(execution, "source"), text(execution, COMMUNITY),
                text(execution, "grid"), text(execution, ADDRESS), time(execution, "occurredAt"),
                integer(execution, PEOPLE_INVOLVED), parties,
                flag(execution, THREAT_OF_VIOLENCE), flag(execution, INVOLVES_MINORS), flag(execution, CROSS_JURISDICTION));
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    // The start form's values arrive as the client typed them: what is not clearly a yes/no, a whole
    // number or a time is refused, as on the API, never guessed (2.7 people, "notabool" = no).
    private static Boolean flag(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        if ("true".equals(value.toString()) || "false".equals(value.toString())) {
            return Boolean.valueOf(value.toString());
        }
        throw InvalidRequestException.of(name, "应为 true 或 false（a boolean）");
    }

    private static Integer integer(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.toString().trim()).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw InvalidRequestException.of(name, "应为整数（a whole number）");
        }
    }

    private static OffsetDateTime time(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value instanceof Date d) {
            return d.toInstant().atZone(RiskItemStore.OFFICE_ZONE).toOffsetDateTime();
        }
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.toString()).toOffsetDateTime();
        } catch (DateTimeParseException withoutZone) {
            try {
                return java.time.LocalDateTime.parse(value.toString()).atZone(RiskItemStore.OFFICE_ZONE).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw InvalidRequestException.of(name, "应为 ISO-8601 时间，如 2026-11-20T09:30:00+08:00");
            }
        }
    }
}
