package io.edgemqtt.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a publish ended. QoS 0: written to the connection. QoS 1: acknowledged by PUBACK. QoS 2: completed by PUBCOMP.
 * A broker failure code (0x80 and above) never arrives here: the publish completes exceptionally instead. Immutable.
 */
public final class PublishResult {
    private final MqttMessage message;
    private final ReasonCode reasonCode;
    private final String reasonString;
    private final List<UserProperty> userProperties;

    private PublishResult(MqttMessage message, ReasonCode reasonCode, String reasonString, List<UserProperty> props) {
        this.message = Objects.requireNonNull(message, "message");
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
        this.reasonString = reasonString;
        this.userProperties = List.copyOf(props);
    }

    /**
     * For the client implementation.
     *
     * @param message the message published
     * @param reasonCode {@link ReasonCode#SUCCESS} or {@link ReasonCode#NO_MATCHING_SUBSCRIBERS}
     * @param reasonString the broker's MQTT 5 reason string, or null
     * @param userProperties the broker's MQTT 5 user properties
     * @return the result
     */
    public static PublishResult of(
            MqttMessage message, ReasonCode reasonCode, String reasonString, List<UserProperty> userProperties) {
        return new PublishResult(message, reasonCode, reasonString, userProperties);
    }

    /** @return the message that was published */
    public MqttMessage message() {
        return message;
    }

    /** @return {@link ReasonCode#SUCCESS}, or MQTT 5's {@link ReasonCode#NO_MATCHING_SUBSCRIBERS} */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** @return the broker's MQTT 5 reason string, if any */
    public Optional<String> reasonString() {
        return Optional.ofNullable(reasonString);
    }

    /** @return the broker's MQTT 5 user properties on the acknowledgement */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    @Override
    public String toString() {
        return "PublishResult[" + message + ", " + reasonCode + "]";
    }
}
