package io.edgemqtt.impl.exec;

import io.edgemqtt.api.ReconnectPolicy;
import java.util.concurrent.ThreadLocalRandom;

/** The delays of a {@link ReconnectPolicy}: exponential, capped, with jitter. Not thread-safe. */
public final class Backoff {
    private final ReconnectPolicy policy;
    private int attempt;

    /**
     * @param policy the policy
     */
    public Backoff(ReconnectPolicy policy) {
        this.policy = policy;
    }

    /** @return the number of the next attempt since the last reset, from 1 */
    public int nextAttempt() {
        return attempt + 1;
    }

    /** @return the delay before the next attempt, in nanoseconds; counts the attempt */
    public long nextDelayNanos() {
        double base = policy.initialDelay().toNanos() * Math.pow(policy.multiplier(), Math.min(attempt, 62));
        double capped = Math.min(base, policy.maxDelay().toNanos());
        attempt++;
        double spread = capped * policy.jitter();
        double jittered = capped + (spread == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-spread, spread));
        return (long) Math.max(1, jittered);
    }

    /** Starts again from the initial delay (after a good connection). */
    public void reset() {
        attempt = 0;
    }
}
