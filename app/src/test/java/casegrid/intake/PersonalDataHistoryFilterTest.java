package casegrid.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.junit.jupiter.api.Test;

class PersonalDataHistoryFilterTest {

    final List<HistoryEvent> written = new ArrayList<>();
    final PersonalDataHistoryFilter filter = new PersonalDataHistoryFilter(new HistoryEventHandler() {
        @Override
        public void handleEvent(HistoryEvent event) {
            written.add(event);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            written.addAll(events);
        }
    });

    @Test
    void everyPersonalDataVariableAndFormFieldIsDroppedAndEverythingElsePasses() {
        List<HistoryEvent> events = new ArrayList<>();
        for (String name : PersonalData.VARIABLES) {
            events.add(variable(name));
            events.add(formField(name));
        }
        HistoryEvent title = variable("title");
        HistoryEvent titleField = formField("title");
        HistoryEvent instance = new HistoricProcessInstanceEventEntity();
        events.addAll(List.of(title, titleField, instance));

        events.forEach(filter::handleEvent);
        assertThat(written).containsExactly(title, titleField, instance);

        written.clear();
        filter.handleEvents(events);
        assertThat(written).containsExactly(title, titleField, instance);
    }

    @Test
    void aBatchOfOnlyPersonalDataWritesNothing() {
        filter.handleEvents(List.of(variable("partyName"), formField("partyPhone")));
        assertThat(written).isEmpty();
    }

    private static HistoryEvent variable(String name) {
        HistoricVariableUpdateEventEntity event = new HistoricVariableUpdateEventEntity();
        event.setVariableName(name);
        return event;
    }

    private static HistoryEvent formField(String name) {
        HistoricFormPropertyEventEntity event = new HistoricFormPropertyEventEntity();
        event.setPropertyId(name);
        return event;
    }
}
