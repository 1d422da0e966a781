package io.edgemqtt.impl.codec;

/**
 * MQTT 5 property identifiers (section 2.2.2.2) with their wire type and the packets each may appear in.
 *
 * <p>Contexts are bits indexed by {@link PacketType#value()}, plus {@link #WILL_CONTEXT} for the will properties in the
 * CONNECT payload, so "is this property allowed here" is one AND.
 */
public enum Property {
    PAYLOAD_FORMAT_INDICATOR(0x01, "Payload Format Indicator", Kind.BYTE, ctx(PacketType.PUBLISH) | willCtx()),
    MESSAGE_EXPIRY_INTERVAL(0x02, "Message Expiry Interval", Kind.FOUR_BYTES, ctx(PacketType.PUBLISH) | willCtx()),
    CONTENT_TYPE(0x03, "Content Type", Kind.UTF8, ctx(PacketType.PUBLISH) | willCtx()),
    RESPONSE_TOPIC(0x08, "Response Topic", Kind.UTF8, ctx(PacketType.PUBLISH) | willCtx()),
    CORRELATION_DATA(0x09, "Correlation Data", Kind.BINARY, ctx(PacketType.PUBLISH) | willCtx()),
    SUBSCRIPTION_IDENTIFIER(0x0B, "Subscription Identifier", Kind.VARIABLE,
            ctx(PacketType.PUBLISH) | ctx(PacketType.SUBSCRIBE)),
    SESSION_EXPIRY_INTERVAL(0x11, "Session Expiry Interval", Kind.FOUR_BYTES,
            ctx(PacketType.CONNECT) | ctx(PacketType.CONNACK) | ctx(PacketType.DISCONNECT)),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, "Assigned Client Identifier", Kind.UTF8, ctx(PacketType.CONNACK)),
    SERVER_KEEP_ALIVE(0x13, "Server Keep Alive", Kind.TWO_BYTES, ctx(PacketType.CONNACK)),
    AUTHENTICATION_METHOD(0x15, "Authentication Method", Kind.UTF8,
            ctx(PacketType.CONNECT) | ctx(PacketType.CONNACK) | ctx(PacketType.AUTH)),
    AUTHENTICATION_DATA(0x16, "Authentication Data", Kind.BINARY,
            ctx(PacketType.CONNECT) | ctx(PacketType.CONNACK) | ctx(PacketType.AUTH)),
    REQUEST_PROBLEM_INFORMATION(0x17, "Request Problem Information", Kind.BYTE, ctx(PacketType.CONNECT)),
    WILL_DELAY_INTERVAL(0x18, "Will Delay Interval", Kind.FOUR_BYTES, willCtx()),
    REQUEST_RESPONSE_INFORMATION(0x19, "Request Response Information", Kind.BYTE, ctx(PacketType.CONNECT)),
    RESPONSE_INFORMATION(0x1A, "Response Information", Kind.UTF8, ctx(PacketType.CONNACK)),
    SERVER_REFERENCE(0x1C, "Server Reference", Kind.UTF8, ctx(PacketType.CONNACK) | ctx(PacketType.DISCONNECT)),
    REASON_STRING(0x1F, "Reason String", Kind.UTF8,
            ctx(PacketType.CONNACK) | ctx(PacketType.PUBACK) | ctx(PacketType.PUBREC) | ctx(PacketType.PUBREL)
                    | ctx(PacketType.PUBCOMP) | ctx(PacketType.SUBACK) | ctx(PacketType.UNSUBACK)
                    | ctx(PacketType.DISCONNECT) | ctx(PacketType.AUTH)),
    RECEIVE_MAXIMUM(0x21, "Receive Maximum", Kind.TWO_BYTES, ctx(PacketType.CONNECT) | ctx(PacketType.CONNACK)),
    TOPIC_ALIAS_MAXIMUM(0x22, "Topic Alias Maximum", Kind.TWO_BYTES,
            ctx(PacketType.CONNECT) | ctx(PacketType.CONNACK)),
    TOPIC_ALIAS(0x23, "Topic Alias", Kind.TWO_BYTES, ctx(PacketType.PUBLISH)),
    MAXIMUM_QOS(0x24, "Maximum QoS", Kind.BYTE, ctx(PacketType.CONNACK)),
    RETAIN_AVAILABLE(0x25, "Retain Available", Kind.BYTE, ctx(PacketType.CONNACK)),
    /** Allowed on every packet that has properties, and in the will properties. */
    USER_PROPERTY(0x26, "User Property", Kind.UTF8_PAIR, 0xFFFF_FFFE),
    MAXIMUM_PACKET_SIZE(0x27, "Maximum Packet Size", Kind.FOUR_BYTES,
            ctx(PacketType.CONNECT) | ctx(PacketType.CONNACK)),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, "Wildcard Subscription Available", Kind.BYTE, ctx(PacketType.CONNACK)),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, "Subscription Identifier Available", Kind.BYTE, ctx(PacketType.CONNACK)),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, "Shared Subscription Available", Kind.BYTE, ctx(PacketType.CONNACK));

    /** The context bit of the will properties inside the CONNECT payload (beyond the 4-bit packet types). */
    public static final int WILL_CONTEXT = 16;

    /** How a property value is encoded. */
    public enum Kind {
        BYTE, TWO_BYTES, FOUR_BYTES, VARIABLE, UTF8, BINARY, UTF8_PAIR
    }

    private static final Property[] BY_ID = new Property[128];

    static {
        for (Property property : values()) {
            BY_ID[property.id] = property;
        }
    }

    private final int id;
    private final String displayName;
    private final Kind kind;
    private final int contexts;

    Property(int id, String displayName, Kind kind, int contexts) {
        this.id = id;
        this.displayName = displayName;
        this.kind = kind;
        this.contexts = contexts;
    }

    private static int ctx(PacketType type) {
        return 1 << type.value();
    }

    private static int willCtx() {
        return 1 << WILL_CONTEXT;
    }

    /** @return the identifier byte */
    public int id() {
        return id;
    }

    /** @return the name the spec uses, for error messages */
    public String displayName() {
        return displayName;
    }

    /** @return the wire encoding of the value */
    public Kind kind() {
        return kind;
    }

    /**
     * @param context a {@link PacketType#value()} or {@link #WILL_CONTEXT}
     * @return true if the property may appear there
     */
    public boolean allowedIn(int context) {
        return (contexts & (1 << context)) != 0;
    }

    /**
     * Only User Property may repeat anywhere, and Subscription Identifier in PUBLISH (one per matching subscription);
     * any other repeat is a protocol error (section 2.2.2.2).
     *
     * @param context a {@link PacketType#value()} or {@link #WILL_CONTEXT}
     * @return true if the property may appear more than once there
     */
    public boolean mayRepeatIn(int context) {
        return this == USER_PROPERTY || this == SUBSCRIPTION_IDENTIFIER && context == PacketType.PUBLISH.value();
    }

    /**
     * @param id an identifier byte
     * @return the property, or null if the identifier is not defined
     */
    public static Property of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
