package io.edgemqtt.hal.gpio.internal.publish;

import io.edgemqtt.hal.gpio.api.Reading;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides which readings are worth publishing: the first of each sensor and quantity; any whose value moved more than
 * the deadband away from the last one published (a drift in small steps is published once it adds up); any whose
 * quality differs from the last one published; and, as a heartbeat, any taken when the last publish is older than the
 * heartbeat interval. A reading older than the last one published is never published. Not thread-safe.
 */
final class Deadband {
    private final double deadband;
    private final long heartbeatMillis;
    private final Map<String, Reading> lastPublished = new HashMap<>();
    private final Map<String, Long> lastPublishedAt = new HashMap<>();

    /**
     * @param deadband how far a value must move to be published, 0 for any change
     * @param heartbeatMillis publish at least this often even without a change; 0 for never
     */
    Deadband(double deadband, long heartbeatMillis) {
        this.deadband = deadband;
        this.heartbeatMillis = heartbeatMillis;
    }

    /**
     * @param reading a new reading
     * @param nowMillis the current time
     * @return true if it should be published
     */
    boolean shouldPublish(Reading reading, long nowMillis) {
        String key = key(reading);
        Reading last = lastPublished.get(key);
        if (last != null && reading.timestamp().isBefore(last.timestamp())) {
            return false; // taken before what was published already (an edge overtook a sample)
        }
        if (last == null || last.quality() != reading.quality() || last.hasValue() != reading.hasValue()) {
            return true;
        }
        if (reading.hasValue() && beyond(reading.value(), last.value())) {
            return true;
        }
        return heartbeatMillis > 0 && nowMillis - lastPublishedAt.get(key) >= heartbeatMillis;
    }

    /**
     * Records a reading as published.
     *
     * @param reading the reading
     * @param nowMillis the current time
     */
    void published(Reading reading, long nowMillis) {
        String key = key(reading);
        lastPublished.put(key, reading);
        lastPublishedAt.put(key, nowMillis);
    }

    /** Beyond the deadband by more than rounding noise: 20.1 - 20.0 is not beyond a deadband of 0.1. */
    private boolean beyond(double value, double reference) {
        double tolerance = 1e-9 * Math.max(1, Math.max(Math.abs(value), Math.abs(reference)));
        return Math.abs(value - reference) - deadband > tolerance;
    }

    private static String key(Reading reading) {
        return reading.sensorId() + '\u0000' + reading.quantity();
    }
}
