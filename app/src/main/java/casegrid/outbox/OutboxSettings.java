package casegrid.outbox;

import java.time.Duration;

/**
 * How an outbox is worked: batch size, lease, attempts and backoff. Read at every round, never
 * copied, so a changed value applies at once (tests shorten the backoff or the attempts).
 */
public class OutboxSettings {
    /** The scheduled worker; off in tests, which run it themselves. */
    private boolean enabled = true;
    private Duration interval = Duration.ofSeconds(30);
    private int batchSize = 20;
    /** How long a node may hold a claimed row before the claim counts as lost. */
    private Duration lease = Duration.ofMinutes(5);
    private int maxAttempts = 6;
    private Duration backoff = Duration.ofMinutes(1);
    private Duration maxBackoff = Duration.ofHours(2);

    /** 1, 2, 4, 8 … times the base after the first, second, third … failure, capped. */
    public Duration backoff(int attempts) {
        Duration wait = backoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Duration getInterval() { return interval; }
    public void setInterval(Duration interval) { this.interval = interval; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    public Duration getLease() { return lease; }
    public void setLease(Duration lease) { this.lease = lease; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public Duration getBackoff() { return backoff; }
    public void setBackoff(Duration backoff) { this.backoff = backoff; }
    public Duration getMaxBackoff() { return maxBackoff; }
    public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
}
