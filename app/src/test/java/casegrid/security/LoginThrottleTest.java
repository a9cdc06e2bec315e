package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's rules on its own clock: per source and account, a bounded backoff, never a permanent lock. */
class LoginThrottleTest {

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), Duration.ofSeconds(30),
            Duration.ofMinutes(4), 1000, clock);

    void fail(String source, String account, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(source, account);
        }
    }

    @Test
    void failuresBelowTheLimitDoNotBlock() {
        fail("10.0.0.1", "admin", 2);
        assertThat(throttle.blockedFor("10.0.0.1", "admin")).isEmpty();
    }

    @Test
    void theLimitBlocksOnlyThatSourceForThatAccount() {
        fail("10.0.0.1", "admin", 3);
        assertThat(throttle.blockedFor("10.0.0.1", "admin")).contains(Duration.ofSeconds(30));
        assertThat(throttle.blockedFor("10.0.0.1", "ADMIN")).as("case does not escape the throttle").isPresent();
        assertThat(throttle.blockedFor("10.0.0.2", "admin")).isEmpty();
        assertThat(throttle.blockedFor("10.0.0.1", "c03-staff")).isEmpty();
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUpToTheMaximumAndTheBlockEnds() {
        fail("10.0.0.1", "admin", 3);
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.blockedFor("10.0.0.1", "admin")).isEmpty();
        fail("10.0.0.1", "admin", 1);
        assertThat(throttle.blockedFor("10.0.0.1", "admin")).contains(Duration.ofSeconds(60));
        fail("10.0.0.1", "admin", 10);
        assertThat(throttle.blockedFor("10.0.0.1", "admin")).contains(Duration.ofMinutes(4));
        clock.advance(Duration.ofMinutes(4));
        assertThat(throttle.blockedFor("10.0.0.1", "admin")).as("never for good").isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        fail("10.0.0.1", "admin", 2);
        clock.advance(Duration.ofMinutes(16));
        fail("10.0.0.1", "admin", 2);
        assertThat(throttle.blockedFor("10.0.0.1", "admin")).isEmpty();
    }

    @Test
    void aSuccessAndTheBreakGlassReleaseClearTheCount() {
        fail("10.0.0.1", "admin", 2);
        throttle.succeeded("10.0.0.1", "admin");
        fail("10.0.0.1", "admin", 2);
        assertThat(throttle.blockedFor("10.0.0.1", "admin")).isEmpty();

        fail("10.0.0.1", "admin", 3);
        fail("10.0.0.2", "admin", 3);
        throttle.release("admin");
        assertThat(throttle.blockedFor("10.0.0.1", "admin")).isEmpty();
        assertThat(throttle.blockedFor("10.0.0.2", "admin")).isEmpty();
    }
}
