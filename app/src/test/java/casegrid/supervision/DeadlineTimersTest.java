package casegrid.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.deadline.DeadlineProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The daily T+2 chase spread over a window: each item at its own fixed offset, still once a day. */
class DeadlineTimersTest {

    private final DeadlineTimers timers = new DeadlineTimers(new DeadlineProperties(), "P1D", "P1D", "PT1H");

    @Test
    void eachItemIsChasedDailyFromItsDueTimePlusItsOwnOffsetWithinTheWindow() {
        Date due = Date.from(Instant.parse("2026-12-01T08:00:00Z"));
        Duration offset = timers.spreadOffset("QF-2026-000123");
        assertThat(offset).isBetween(Duration.ZERO, Duration.ofMinutes(60).minusSeconds(1));
        assertThat(timers.spreadOffset("QF-2026-000123")).isEqualTo(offset);
        assertThat(timers.dailyFrom(due, "QF-2026-000123"))
                .isEqualTo(DeadlineTimers.cycle(Date.from(due.toInstant().plus(offset)), "P1D"))
                .startsWith("R/2026-12-01T08:").endsWith("/P1D");
    }

    @Test
    void tenThousandItemsDueAtOneInstantAreSpreadOverTheHour() {
        int[] perMinute = new int[60];
        Set<Long> seconds = new HashSet<>();
        IntStream.rangeClosed(1, 10_000).mapToObj("QF-2026-%06d"::formatted).map(timers::spreadOffset).forEach(offset -> {
            perMinute[(int) offset.toMinutes()]++;
            seconds.add(offset.toSeconds());
        });
        // Even: every minute of the hour gets between half and twice its share (10,000 / 60 ≈ 167).
        assertThat(IntStream.of(perMinute).min().orElseThrow()).isGreaterThanOrEqualTo(83);
        assertThat(IntStream.of(perMinute).max().orElseThrow()).isLessThanOrEqualTo(334);
        assertThat(seconds.size()).isGreaterThan(3000);
    }

    @Test
    void noSpreadAndTheOldFormAreTheDueTimeItself() {
        Date due = Date.from(Instant.parse("2026-12-01T08:00:00Z"));
        DeadlineTimers unspread = new DeadlineTimers(new DeadlineProperties(), "P1D", "P1D", "PT0S");
        assertThat(unspread.dailyFrom(due, "QF-2026-000123")).isEqualTo(timers.dailyFrom(due));
        assertThat(timers.dailyFrom(due)).isEqualTo("R/2026-12-01T08:00:00Z/P1D");
    }

    @Test
    void aWindowAsLongAsTheIntervalWouldSkipADayAndIsRefused() {
        assertThatThrownBy(() -> new DeadlineTimers(new DeadlineProperties(), "P1D", "P1D", "PT24H"))
                .hasMessageContaining("chase-spread");
    }
}
