package casegrid.support.coverage;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * On every {@code @CasegridTest} class: after the class, records the flow nodes in the shared
 * engine's history into {@link FlowNodeCoverage}. Tests that build their own engine on another
 * database call {@link FlowNodeCoverage#record} themselves.
 */
public class FlowNodeCoverageExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        ProcessEngine engine = SpringExtension.getApplicationContext(context).getBeanProvider(ProcessEngine.class)
                .getIfAvailable();
        if (engine == null) {
            return;
        }
        DataSource database = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
        FlowNodeCoverage.record(database);
    }
}
