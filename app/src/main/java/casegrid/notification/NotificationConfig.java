package casegrid.notification;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The node's delivery worker, on the engine's clock, and its schedule. */
@Configuration(proxyBeanMethods = false)
class NotificationConfig {

    /** The engine's clock (ClockUtil), so that quiet hours and backoff agree with timers and tests. */
    static final Clock ENGINE_CLOCK = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.systemDefault();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return ClockUtil.getCurrentTime().toInstant();
        }
    };

    @Bean
    NotificationWorker notificationWorker(JdbcClient jdbc, NotificationProperties settings, List<ChannelSender> senders,
                                          Contacts contacts) {
        String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return new NotificationWorker(jdbc, settings, senders, contacts, ENGINE_CLOCK, node);
    }

    /** Runs the worker every casegrid.notifications.worker.interval; tests switch it off and run it themselves. */
    @Component
    @ConditionalOnProperty(name = "casegrid.notifications.worker.enabled", havingValue = "true", matchIfMissing = true)
    static class Schedule {

        private final NotificationWorker worker;

        Schedule(NotificationWorker worker) {
            this.worker = worker;
        }

        @Scheduled(fixedDelayString = "${casegrid.notifications.worker.interval:PT30S}",
                initialDelayString = "${casegrid.notifications.worker.interval:PT30S}")
        void run() {
            // Drain what is due, one batch at a time, so a backlog does not wait for the next tick.
            while (worker.deliverDue() > 0) {
                // next batch
            }
        }
    }
}
