package casegrid.notification;

import casegrid.outbox.EngineClock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The node's delivery worker, on the engine's clock, and its schedule. */
@Configuration(proxyBeanMethods = false)
class NotificationConfig {

    @Bean
    NotificationWorker notificationWorker(JdbcClient jdbc, NotificationProperties settings, List<ChannelSender> senders,
                                          Contacts contacts) {
        return new NotificationWorker(jdbc, settings, senders, contacts, EngineClock.INSTANCE, EngineClock.nodeName());
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
