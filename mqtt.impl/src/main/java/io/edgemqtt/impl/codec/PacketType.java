package io.edgemqtt.impl.codec;

/**
 * MQTT control packet types (the high nibble of the first fixed-header byte) with the flag nibble each must carry.
 */
public enum PacketType {
    CONNECT(1, 0b0000),
    CONNACK(2, 0b0000),
    /** The flags of PUBLISH carry DUP, QoS and RETAIN; they are checked by the PUBLISH decoder. */
    PUBLISH(3, -1),
    PUBACK(4, 0b0000),
    PUBREC(5, 0b0000),
    PUBREL(6, 0b0010),
    PUBCOMP(7, 0b0000),
    SUBSCRIBE(8, 0b0010),
    SUBACK(9, 0b0000),
    UNSUBSCRIBE(10, 0b0010),
    UNSUBACK(11, 0b0000),
    PINGREQ(12, 0b0000),
    PINGRESP(13, 0b0000),
    DISCONNECT(14, 0b0000),
    /** MQTT 5 only; the value 15 is reserved in MQTT 3.1.1. */
    AUTH(15, 0b0000);

    private static final PacketType[] BY_VALUE = new PacketType[16];

    static {
        for (PacketType type : values()) {
            BY_VALUE[type.value] = type;
        }
    }

    private final int value;
    private final int fixedFlags;

    PacketType(int value, int fixedFlags) {
        this.value = value;
        this.fixedFlags = fixedFlags;
    }

    /** @return the 4-bit type value */
    public int value() {
        return value;
    }

    /** @return the flag nibble the spec requires for this type, or -1 for PUBLISH whose flags carry data */
    public int fixedFlags() {
        return fixedFlags;
    }

    /** @return the first byte of the fixed header for types with fixed flags */
    public int firstByte() {
        return value << 4 | Math.max(fixedFlags, 0);
    }

    /**
     * @param value the high nibble of a fixed header
     * @return the type, or null for the reserved value 0 (or anything outside 1..15)
     */
    public static PacketType of(int value) {
        return value > 0 && value < 16 ? BY_VALUE[value] : null;
    }
}
