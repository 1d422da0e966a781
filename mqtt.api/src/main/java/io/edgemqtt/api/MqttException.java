package io.edgemqtt.api;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Why an MQTT operation failed. Every failed completion of the client completes with this type (or a subclass), so
 * callers can act on {@link #reasonCode()} without parsing messages.
 *
 * <p>The message always says what was wrong in words a user can act on; where a protocol rule was broken it names the
 * rule (for example {@code MQTT-4.7.1-1}). When the failure came from the broker, {@link #reasonString()} and {@link
 * #userProperties()} carry what the broker said (MQTT 5).
 */
public class MqttException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ReasonCode reasonCode;
    private final boolean local;
    private final String reasonString;
    private final List<UserProperty> userProperties;

    /**
     * A failure detected by the client itself (no packet carried it).
     *
     * @param reasonCode the closest reason code
     * @param message what was wrong
     */
    public MqttException(ReasonCode reasonCode, String message) {
        this(reasonCode, message, null);
    }

    /**
     * A failure detected by the client itself, caused by another exception (an I/O or TLS failure, say).
     *
     * @param reasonCode the closest reason code
     * @param message what was wrong
     * @param cause the underlying exception, or null
     */
    public MqttException(ReasonCode reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
        this.local = true;
        this.reasonString = null;
        this.userProperties = Collections.emptyList();
    }

    /**
     * A failure the broker reported in a packet.
     *
     * @param reasonCode the code the broker sent
     * @param message what failed, in words
     * @param reasonString the broker's MQTT 5 reason string, or null
     * @param userProperties the broker's MQTT 5 user properties
     */
    public MqttException(ReasonCode reasonCode, String message, String reasonString, List<UserProperty> userProperties) {
        super(reasonString == null ? message : message + " (broker says: " + reasonString + ")");
        this.reasonCode = reasonCode;
        this.local = false;
        this.reasonString = reasonString;
        this.userProperties = List.copyOf(userProperties);
    }

    /** @return the reason code: from the broker's packet, or the closest one for a failure found locally */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** @return true if the client detected the failure itself, false if a broker packet reported it */
    public boolean isLocal() {
        return local;
    }

    /** @return the broker's MQTT 5 reason string, if it sent one */
    public Optional<String> reasonString() {
        return Optional.ofNullable(reasonString);
    }

    /** @return the broker's MQTT 5 user properties on the failing packet; empty if none */
    public List<UserProperty> userProperties() {
        return userProperties;
    }
}
