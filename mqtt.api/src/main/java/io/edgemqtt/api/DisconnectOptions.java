package io.edgemqtt.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** How to end a connection on purpose: the DISCONNECT the client sends. Immutable. */
public final class DisconnectOptions {
    /** A normal disconnect: the will is discarded, the session expiry stays as connected. */
    public static final DisconnectOptions NORMAL =
            new DisconnectOptions(ReasonCode.NORMAL_DISCONNECTION, -1, null, List.of());

    private final ReasonCode reasonCode;
    private final long sessionExpiryInterval;
    private final String reasonString;
    private final List<UserProperty> userProperties;

    private DisconnectOptions(ReasonCode reasonCode, long expiry, String reasonString, List<UserProperty> props) {
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
        this.sessionExpiryInterval = expiry;
        this.reasonString = reasonString;
        this.userProperties = List.copyOf(props);
    }

    /**
     * @param reasonCode MQTT 5 reason: {@link ReasonCode#NORMAL_DISCONNECTION}, or {@link
     *     ReasonCode#DISCONNECT_WITH_WILL_MESSAGE} to have the broker publish the will anyway (3.1.1 sends no code)
     * @param sessionExpiryInterval MQTT 5 new session expiry in seconds, or -1 to keep the one in force; a session
     *     connected with expiry 0 cannot be given a non-zero one here (MQTT-3.14.2-2)
     * @param reasonString MQTT 5 reason string, or null
     * @param userProperties MQTT 5 user properties
     * @return the options
     * @throws IllegalArgumentException if the expiry is out of range
     */
    public static DisconnectOptions of(
            ReasonCode reasonCode, long sessionExpiryInterval, String reasonString, List<UserProperty> userProperties) {
        if (sessionExpiryInterval < -1 || sessionExpiryInterval > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(
                    "session expiry interval must be -1 (unchanged) or 0..4294967295 s, was " + sessionExpiryInterval);
        }
        return new DisconnectOptions(reasonCode, sessionExpiryInterval, reasonString, userProperties);
    }

    /** @return the reason code sent */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** @return the MQTT 5 session expiry override, if any */
    public OptionalLong sessionExpiryInterval() {
        return sessionExpiryInterval < 0 ? OptionalLong.empty() : OptionalLong.of(sessionExpiryInterval);
    }

    /** @return the MQTT 5 reason string, if any */
    public Optional<String> reasonString() {
        return Optional.ofNullable(reasonString);
    }

    /** @return the MQTT 5 user properties */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    @Override
    public String toString() {
        return "DisconnectOptions[" + reasonCode + (sessionExpiryInterval >= 0 ? ", expiry=" + sessionExpiryInterval : "")
                + "]";
    }
}
