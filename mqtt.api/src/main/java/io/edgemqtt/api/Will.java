package io.edgemqtt.api;

import java.util.Objects;

/**
 * The last-will message the broker publishes when the connection ends without a DISCONNECT (or, on MQTT 5, with
 * DISCONNECT reason {@link ReasonCode#DISCONNECT_WITH_WILL_MESSAGE}). Immutable.
 *
 * <p>The message's topic, payload, QoS, retain flag and MQTT 5 properties become the will; {@link #delaySeconds()} is
 * the MQTT 5 will delay interval (ignored on 3.1.1).
 */
public final class Will {
    private final MqttMessage message;
    private final long delaySeconds;

    private Will(MqttMessage message, long delaySeconds) {
        this.message = Objects.requireNonNull(message, "message");
        this.delaySeconds = delaySeconds;
    }

    /**
     * @param message the will message
     * @return a will sent without delay
     */
    public static Will of(MqttMessage message) {
        return new Will(message, 0);
    }

    /**
     * @param message the will message
     * @param delaySeconds MQTT 5 will delay interval, 0 to 4294967295 seconds
     * @return a will
     * @throws IllegalArgumentException if the delay is out of range
     */
    public static Will of(MqttMessage message, long delaySeconds) {
        if (delaySeconds < 0 || delaySeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("will delay must be 0..4294967295 s, was " + delaySeconds);
        }
        return new Will(message, delaySeconds);
    }

    /** @return the will message */
    public MqttMessage message() {
        return message;
    }

    /** @return the MQTT 5 will delay interval in seconds */
    public long delaySeconds() {
        return delaySeconds;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Will
                && ((Will) other).message.equals(message)
                && ((Will) other).delaySeconds == delaySeconds;
    }

    @Override
    public int hashCode() {
        return message.hashCode() * 31 + Long.hashCode(delaySeconds);
    }

    @Override
    public String toString() {
        return "Will[" + message + (delaySeconds > 0 ? ", delay " + delaySeconds + " s" : "") + "]";
    }
}
