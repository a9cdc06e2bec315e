package casegrid.intake;

import java.util.List;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Drops the history events that would copy a party's personal data into the engine's history and
 * passes every other event on unchanged. A variable's create, update, delete and migrate events
 * are one kind ({@code HistoricVariableUpdateEventEntity}, written to ACT_HI_VARINST and, at level
 * FULL, to ACT_HI_DETAIL with any byte array); a submitted form field is another
 * ({@code HistoricFormPropertyEventEntity}, ACT_HI_DETAIL). Dropping all events of a name keeps
 * them consistent: no later update or delete looks for a row that was never written.
 *
 * <p>A filter on the handler rather than a custom HistoryLevel: the history level is stored in
 * ACT_GE_PROPERTY and a new level would need its own id and an upgrade step for every existing
 * database, and the level's check for form fields sees only the execution, not the field's name.
 */
public class PersonalDataHistoryFilter implements HistoryEventHandler {

    private final HistoryEventHandler next;

    public PersonalDataHistoryFilter(HistoryEventHandler next) {
        this.next = next;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        if (!carriesPersonalData(event)) {
            next.handleEvent(event);
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        List<HistoryEvent> kept = events.stream().filter(e -> !carriesPersonalData(e)).toList();
        if (!kept.isEmpty()) {
            next.handleEvents(kept);
        }
    }

    static boolean carriesPersonalData(HistoryEvent event) {
        if (event instanceof HistoricVariableUpdateEventEntity variable) {
            return PersonalData.isPersonal(variable.getVariableName());
        }
        if (event instanceof HistoricFormPropertyEventEntity formField) {
            return PersonalData.isPersonal(formField.getPropertyId());
        }
        return false;
    }
}
