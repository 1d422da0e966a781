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
    SUCCESS(0x00),
    NORMAL_DISCONNECTION(0x00),
    GRANTED_QOS_0(0x00),
    GRANTED_QOS_1(0x01),
    GRANTED_QOS_2(0x02),
    DISCONNECT_WITH_WILL_MESSAGE(0x04),
    NO_MATCHING_SUBSCRIBERS(0x10),
    NO_SUBSCRIPTION_EXISTED(0x11),
    CONTINUE_AUTHENTICATION(0x18),
    RE_AUTHENTICATE(0x19),
    UNSPECIFIED_ERROR(0x80),
    MALFORMED_PACKET(0x81),
    PROTOCOL_ERROR(0x82),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    UNSUPPORTED_PROTOCOL_VERSION(0x84),
    CLIENT_IDENTIFIER_NOT_VALID(0x85),
    BAD_USER_NAME_OR_PASSWORD(0x86),
    NOT_AUTHORIZED(0x87),
    SERVER_UNAVAILABLE(0x88),
    SERVER_BUSY(0x89),
    BANNED(0x8A),
    SERVER_SHUTTING_DOWN(0x8B),
    BAD_AUTHENTICATION_METHOD(0x8C),
    KEEP_ALIVE_TIMEOUT(0x8D),
    SESSION_TAKEN_OVER(0x8E),
    TOPIC_FILTER_INVALID(0x8F),
    TOPIC_NAME_INVALID(0x90),
    PACKET_IDENTIFIER_IN_USE(0x91),
    PACKET_IDENTIFIER_NOT_FOUND(0x92),
    RECEIVE_MAXIMUM_EXCEEDED(0x93),
    TOPIC_ALIAS_INVALID(0x94),
    PACKET_TOO_LARGE(0x95),
    MESSAGE_RATE_TOO_HIGH(0x96),
    QUOTA_EXCEEDED(0x97),
    ADMINISTRATIVE_ACTION(0x98),
    PAYLOAD_FORMAT_INVALID(0x99),
    RETAIN_NOT_SUPPORTED(0x9A),
    QOS_NOT_SUPPORTED(0x9B),
    USE_ANOTHER_SERVER(0x9C),
    SERVER_MOVED(0x9D),
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E),
    CONNECTION_RATE_EXCEEDED(0x9F),
    MAXIMUM_CONNECT_TIME(0xA0),
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1),
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
