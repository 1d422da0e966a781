package io.edgemqtt.api;

/** MQTT 5 subscription option: whether retained messages are sent when a subscription is made. */
public enum RetainHandling {
    /** 0: send retained messages at the time of the subscribe (the only behaviour of MQTT 3.1.1). */
    SEND_ON_SUBSCRIBE(0),
    /** 1: send retained messages only if the subscription did not already exist. */
    SEND_IF_NEW_SUBSCRIPTION(1),
    /** 2: do not send retained messages at the time of the subscribe. */
    DO_NOT_SEND(2);

    private final int value;

    RetainHandling(int value) {
        this.value = value;
    }

    /** @return the wire value, 0, 1 or 2 */
    public int value() {
        return value;
    }

    /**
     * @param value a wire value
     * @return the matching constant
     * @throws IllegalArgumentException if {@code value} is not 0, 1 or 2
     */
    public static RetainHandling of(int value) {
        for (RetainHandling handling : values()) {
            if (handling.value == value) {
                return handling;
            }
        }
        throw new IllegalArgumentException("retain handling must be 0, 1 or 2, was " + value);
    }
}
