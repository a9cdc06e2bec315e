package casegrid.platform;

import casegrid.outbox.EngineClock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The node's platform sync worker, on the engine's clock, and its schedule. */
@Configuration(proxyBeanMethods = false)
class PlatformSyncConfig {

    @Bean
    PlatformSyncWorker platformSyncWorker(JdbcClient jdbc, PlatformProperties settings) {
        return new PlatformSyncWorker(jdbc, settings, EngineClock.INSTANCE, EngineClock.nodeName());
    }

    /** Runs the worker every casegrid.platform.worker.interval; tests switch it off and run it themselves. */
    @Component
    @ConditionalOnProperty(name = "casegrid.platform.worker.enabled", havingValue = "true", matchIfMissing = true)
    static class Schedule {

        private final PlatformSyncWorker worker;
        private final PlatformProperties settings;

        Schedule(PlatformSyncWorker worker, PlatformProperties settings) {
            this.worker = worker;
            this.settings = settings;
        }

        @Scheduled(fixedDelayString = "${casegrid.platform.worker.interval:PT30S}",
                initialDelayString = "${casegrid.platform.worker.interval:PT30S}")
        void run() {
            if (!settings.configured()) {
                return;
            }
            while (worker.deliverDue() > 0) {
                // next batch
            }
        }
    }
}
