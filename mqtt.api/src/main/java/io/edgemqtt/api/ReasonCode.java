package io.edgemqtt.api;

/**
 * MQTT 5 reason codes (OASIS MQTT 5.0, section 2.4), also used to express MQTT 3.1.1 results.
 *
 * <p>Several codes share one numeric value in different packets (0x00 is {@link #SUCCESS}, {@link
 * #NORMAL_DISCONNECTION} and {@link #GRANTED_QOS_0}); the client reports the constant that fits the packet. MQTT 3.1.1
 * CONNACK return codes map as: 1 to {@link #UNSUPPORTED_PROTOCOL_VERSION}, 2 to {@link #CLIENT_IDENTIFIER_NOT_VALID}, 3
 * to {@link #SERVER_UNAVAILABLE}, 4 to {@link #BAD_USER_NAME_OR_PASSWORD}, 5 to {@link #NOT_AUTHORIZED}; a 3.1.1 SUBACK
 * failure (0x80) is {@link #UNSPECIFIED_ERROR}. Codes the client raises locally (no packet carried them) say so in
 * {@link MqttException#isLocal()}.
 */
public enum ReasonCode {
    /** Success (CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK, AUTH). */
    SUCCESS(0x00),
    /** Normal disconnection (DISCONNECT); the will is not published. */
    NORMAL_DISCONNECTION(0x00),
    /** Subscription granted at QoS 0 (SUBACK). */
    GRANTED_QOS_0(0x00),
    /** Subscription granted at QoS 1 (SUBACK). */
    GRANTED_QOS_1(0x01),
    /** Subscription granted at QoS 2 (SUBACK). */
    GRANTED_QOS_2(0x02),
    /** Disconnect, and have the broker publish the will (DISCONNECT). */
    DISCONNECT_WITH_WILL_MESSAGE(0x04),
    /** Accepted, but nobody subscribes to the topic (PUBACK, PUBREC). */
    NO_MATCHING_SUBSCRIBERS(0x10),
    /** There was no such subscription (UNSUBACK). */
    NO_SUBSCRIPTION_EXISTED(0x11),
    /** Continue the enhanced authentication exchange (AUTH). */
    CONTINUE_AUTHENTICATION(0x18),
    /** Start re-authentication (AUTH). */
    RE_AUTHENTICATE(0x19),
    /** Failure without a more specific code; also the MQTT 3.1.1 SUBACK failure 0x80. */
    UNSPECIFIED_ERROR(0x80),
    /** A packet could not be parsed according to the specification. */
    MALFORMED_PACKET(0x81),
    /** A packet broke a rule of the protocol, or arrived when it was not allowed. */
    PROTOCOL_ERROR(0x82),
    /** Valid, but refused by this implementation. */
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    /** The broker does not support the protocol version (CONNACK; 3.1.1 return code 1). */
    UNSUPPORTED_PROTOCOL_VERSION(0x84),
    /** The client identifier was refused (CONNACK; 3.1.1 return code 2). */
    CLIENT_IDENTIFIER_NOT_VALID(0x85),
    /** User name or password refused (CONNACK; 3.1.1 return code 4). */
    BAD_USER_NAME_OR_PASSWORD(0x86),
    /** Not authorized for this action (3.1.1 CONNACK return code 5). */
    NOT_AUTHORIZED(0x87),
    /** The server is unavailable (CONNACK; 3.1.1 return code 3); also used locally when no server could be reached. */
    SERVER_UNAVAILABLE(0x88),
    /** The server is busy; try later. */
    SERVER_BUSY(0x89),
    /** This client is banned. */
    BANNED(0x8A),
    /** The server is shutting down (DISCONNECT). */
    SERVER_SHUTTING_DOWN(0x8B),
    /** The authentication method is not supported or does not match. */
    BAD_AUTHENTICATION_METHOD(0x8C),
    /** No packet arrived within 1.5 times the keep-alive (DISCONNECT, or detected locally). */
    KEEP_ALIVE_TIMEOUT(0x8D),
    /** Another connection with the same client identifier took over the session (DISCONNECT). */
    SESSION_TAKEN_OVER(0x8E),
    /** The topic filter is well formed but not accepted. */
    TOPIC_FILTER_INVALID(0x8F),
    /** The topic name is well formed but not accepted; also used locally for an invalid topic. */
    TOPIC_NAME_INVALID(0x90),
    /** The packet identifier is already in use. */
    PACKET_IDENTIFIER_IN_USE(0x91),
    /** The packet identifier is not known (PUBREL, PUBCOMP). */
    PACKET_IDENTIFIER_NOT_FOUND(0x92),
    /** More unacknowledged QoS 1/2 publishes were sent than the receive maximum allows. */
    RECEIVE_MAXIMUM_EXCEEDED(0x93),
    /** A topic alias was 0 or above the announced maximum. */
    TOPIC_ALIAS_INVALID(0x94),
    /** A packet exceeded the maximum packet size; also used locally for a payload over the limit. */
    PACKET_TOO_LARGE(0x95),
    /** The message rate is too high. */
    MESSAGE_RATE_TOO_HIGH(0x96),
    /** A quota was exceeded; also used locally when a full buffer refused or dropped a message. */
    QUOTA_EXCEEDED(0x97),
    /** The connection was closed by an administrator. */
    ADMINISTRATIVE_ACTION(0x98),
    /** The payload does not match the payload format indicator. */
    PAYLOAD_FORMAT_INVALID(0x99),
    /** The broker does not support retained messages. */
    RETAIN_NOT_SUPPORTED(0x9A),
    /** The broker does not support the QoS requested. */
    QOS_NOT_SUPPORTED(0x9B),
    /** Use another server, temporarily (see the server reference). */
    USE_ANOTHER_SERVER(0x9C),
    /** Use another server, permanently (see the server reference). */
    SERVER_MOVED(0x9D),
    /** The broker does not support shared subscriptions. */
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E),
    /** The connection rate limit was exceeded. */
    CONNECTION_RATE_EXCEEDED(0x9F),
    /** The maximum connection time was reached. */
    MAXIMUM_CONNECT_TIME(0xA0),
    /** The broker does not support subscription identifiers. */
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1),
    /** The broker does not support wildcard subscriptions. */
    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2);

    private final int value;

    ReasonCode(int value) {
        this.value = value;
    }

    /** @return the wire value */
    public int value() {
        return value;
    }

    /** @return true for codes of 0x80 and above, which report a failure */
    public boolean isError() {
        return value >= 0x80;
    }

    /**
     * Looks up a code by value. Values shared by several constants give the first one declared ({@link #SUCCESS} for
     * 0x00); use the packet-specific lookups in the client where the distinction matters.
     *
     * @param value a wire value
     * @return the constant, or {@code null} if the value is not a defined reason code
     */
    public static ReasonCode ofValue(int value) {
        for (ReasonCode code : values()) {
            if (code.value == value) {
                return code;
            }
        }
        return null;
    }

    /**
     * @param granted a granted QoS
     * @return the SUBACK reason code that grants {@code granted}
     */
    public static ReasonCode granted(Qos granted) {
        switch (granted) {
            case AT_MOST_ONCE:
                return GRANTED_QOS_0;
            case AT_LEAST_ONCE:
                return GRANTED_QOS_1;
            default:
                return GRANTED_QOS_2;
        }
    }

    @Override
    public String toString() {
        return String.format("%s(0x%02X)", name(), value);
    }
}
