package casegrid.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing per source address AND account, never locking an account for good:
 * after {@code maxFailures} failures from one address for one account within {@code window}, that
 * pair is refused (429) for a backoff that doubles with each further failure, up to {@code maxDelay}.
 * The same account from another address, and another account from this address, are untouched, so an
 * anonymous caller cannot lock anybody else out. Replaces the engine's permanent lock (see
 * application.yaml, login-max-attempts). Counts live in a bounded in-memory cache: each node of a
 * cluster throttles on its own, and a restart forgets them.
 */
@Component
public class LoginThrottle {

    private record Key(String source, String account) {
    }

    private record Failures(int count, Instant firstAt, Instant blockedUntil) {
    }

    private final int maxFailures;
    private final Duration window;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Clock clock;
    private final Cache<Key, Failures> failures;

    @Autowired
    LoginThrottle(@Value("${casegrid.login-throttle.max-failures:5}") int maxFailures,
                  @Value("${casegrid.login-throttle.window:PT15M}") Duration window,
                  @Value("${casegrid.login-throttle.base-delay:PT30S}") Duration baseDelay,
                  @Value("${casegrid.login-throttle.max-delay:PT15M}") Duration maxDelay,
                  @Value("${casegrid.login-throttle.max-entries:100000}") long maxEntries) {
        this(maxFailures, window, baseDelay, maxDelay, maxEntries, Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, Duration window, Duration baseDelay, Duration maxDelay, long maxEntries, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.clock = clock;
        // Forgotten once neither the window nor the longest backoff can still matter.
        this.failures = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(window.plus(maxDelay))
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    /** How long this source must still wait before trying this account again, if at all. */
    public Optional<Duration> blockedFor(String source, String account) {
        Failures current = failures.getIfPresent(key(source, account));
        Instant now = clock.instant();
        if (current == null || current.blockedUntil() == null || !current.blockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, current.blockedUntil()));
    }

    /** Counts a failure; answers how long this source now waits for this account, when this failure blocks it. */
    public Optional<Duration> failed(String source, String account) {
        Instant now = clock.instant();
        Failures updated = failures.asMap().compute(key(source, account), (key, current) -> {
            Failures fresh = current == null || current.firstAt().plus(window).isBefore(now)
                    ? new Failures(0, now, null) : current;
            int count = fresh.count() + 1;
            Instant blockedUntil = count >= maxFailures ? now.plus(backoff(count - maxFailures)) : null;
            return new Failures(count, fresh.firstAt(), blockedUntil);
        });
        return updated.blockedUntil() == null ? Optional.empty() : Optional.of(Duration.between(now, updated.blockedUntil()));
    }

    public void succeeded(String source, String account) {
        failures.invalidate(key(source, account));
    }

    /** Break-glass: forgets every source's failures for this account. */
    public void release(String account) {
        String normalized = normalize(account);
        failures.asMap().keySet().removeIf(key -> key.account().equals(normalized));
    }

    private Duration backoff(int beyondLimit) {
        Duration delay = baseDelay;
        for (int i = 0; i < beyondLimit && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private static Key key(String source, String account) {
        return new Key(source == null ? "" : source, normalize(account));
    }

    private static String normalize(String account) {
        String trimmed = account == null ? "" : account.trim().toLowerCase(Locale.ROOT);
        return trimmed.length() > 64 ? trimmed.substring(0, 64) : trimmed;
    }
}
