package io.edgemqtt.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client reconnects after a connection is lost or an attempt fails, including the very first connect.
 *
 * <p>The delay before attempt {@code n} (1-based) is {@code min(maxDelay, initialDelay * multiplier^(n-1))}, then
 * spread by {@code +/- jitter} (a fraction of the delay) so that many gateways restarted together do not reconnect in
 * step. Each attempt uses the next server URI of {@link ConnectOptions#serverUris()}, in a circle. The delay goes back
 * to {@code initialDelay} after a connection has been accepted. Immutable.
 */
public final class ReconnectPolicy {
    /** The default: enabled, 1 s doubling up to 2 minutes, 25 % jitter. */
    public static final ReconnectPolicy DEFAULT =
            new ReconnectPolicy(true, Duration.ofSeconds(1), Duration.ofMinutes(2), 2.0, 0.25);

    /** Never reconnect: a lost connection stays lost until {@link MqttClient#connect()} is called again. */
    public static final ReconnectPolicy DISABLED =
            new ReconnectPolicy(false, Duration.ofSeconds(1), Duration.ofMinutes(2), 2.0, 0.25);

    private final boolean enabled;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final double jitter;

    private ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {
        this.enabled = enabled;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.multiplier = multiplier;
        this.jitter = jitter;
    }

    /**
     * @param initialDelay delay before the first retry, positive
     * @param maxDelay the longest delay, at least {@code initialDelay}
     * @param multiplier growth factor per attempt, at least 1
     * @param jitter random spread as a fraction of the delay, 0 to 1
     * @return an enabled policy
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public static ReconnectPolicy exponential(Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("reconnect initial delay must be positive, was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "reconnect max delay " + maxDelay + " is shorter than the initial delay " + initialDelay);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("reconnect multiplier must be at least 1, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("reconnect jitter must be between 0 and 1, was " + jitter);
        }
        return new ReconnectPolicy(true, initialDelay, maxDelay, multiplier, jitter);
    }

    /** @return whether the client reconnects by itself */
    public boolean isEnabled() {
        return enabled;
    }

    /** @return the delay before the first retry */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** @return the longest delay between attempts */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** @return the growth factor per attempt */
    public double multiplier() {
        return multiplier;
    }

    /** @return the random spread, as a fraction of the delay */
    public double jitter() {
        return jitter;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ReconnectPolicy)) {
            return false;
        }
        ReconnectPolicy that = (ReconnectPolicy) other;
        return enabled == that.enabled
                && initialDelay.equals(that.initialDelay)
                && maxDelay.equals(that.maxDelay)
                && multiplier == that.multiplier
                && jitter == that.jitter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, initialDelay, maxDelay, multiplier, jitter);
    }

    @Override
    public String toString() {
        return enabled
                ? "ReconnectPolicy[" + initialDelay + ".." + maxDelay + ", x" + multiplier + ", jitter " + jitter + "]"
                : "ReconnectPolicy[disabled]";
    }
}
