package casegrid.intake;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Puts {@link PersonalDataHistoryFilter} in front of the engine's history handler. It runs after
 * the engine has built its handler (the database writer plus any custom handlers), so every
 * history event passes the filter, whatever else is configured.
 */
@Component
public class PersonalDataHistoryPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new PersonalDataHistoryFilter(configuration.getHistoryEventHandler()));
    }
}
