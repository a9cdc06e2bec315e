package casegrid.config;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Flyway must migrate the app's tables before the engine creates its own schema: on an empty
 * database Flyway refuses a schema that already holds Camunda's tables without its history table.
 */
@Component
class FlywayBeforeEngine extends AbstractDependsOnBeanFactoryPostProcessor {

    FlywayBeforeEngine() {
        super(ProcessEngine.class, ProcessEngineFactoryBean.class, "flywayInitializer");
    }
}
