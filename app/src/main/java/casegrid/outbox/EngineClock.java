package casegrid.outbox;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock (ClockUtil) as a java.time Clock, so that outbox backoff, leases and quiet
 * hours agree with the engine's timers and with tests that move the engine's clock.
 */
public final class EngineClock extends Clock {

    public static final Clock INSTANCE = new EngineClock();

    private EngineClock() {
    }

    /** This node's name in {@code locked_by}: the JVM and a random part, unique per worker. */
    public static String nodeName() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

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
}
