package io.edgemqtt.api;

/**
 * MQTT quality of service levels.
 *
 * <p>The numeric {@link #value()} is what travels on the wire.
 */
public enum Qos {
    /** QoS 0: delivered at most once; may be lost, never acknowledged. */
    AT_MOST_ONCE(0),
    /** QoS 1: delivered at least once; acknowledged with PUBACK, may be duplicated. */
    AT_LEAST_ONCE(1),
    /** QoS 2: delivered exactly once through the PUBREC/PUBREL/PUBCOMP handshake. */
    EXACTLY_ONCE(2);

    private static final Qos[] BY_VALUE = values();

    private final int value;

    Qos(int value) {
        this.value = value;
    }

    /** @return the wire value, 0, 1 or 2 */
    public int value() {
        return value;
    }

    /**
     * @param value a wire value
     * @return the level for {@code value}
     * @throws IllegalArgumentException if {@code value} is not 0, 1 or 2
     */
    public static Qos of(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, was " + value);
        }
        return BY_VALUE[value];
    }

    /**
     * @param other another level
     * @return the lower of this level and {@code other} (the QoS a subscriber receives a message with)
     */
    public Qos min(Qos other) {
        return value <= other.value ? this : other;
    }
}
