package io.edgemqtt.impl.codec;

import io.edgemqtt.api.ReasonCode;

/**
 * Which reason codes each MQTT 5 packet may carry (section 2.4 and the per-packet tables), and the MQTT 3.1.1 CONNACK
 * return codes. Several codes share the value 0x00; each table maps it to the constant that fits its packet.
 * Lookups are array reads so that decoding an acknowledgement never scans the enum.
 */
public final class ReasonCodes {
    private static final ReasonCode[] CONNACK = table(ReasonCode.SUCCESS, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86,
            0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F);
    /** PUBACK and PUBREC share one list. */
    private static final ReasonCode[] PUBACK = table(ReasonCode.SUCCESS, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97,
            0x99);
    /** PUBREL and PUBCOMP share one list. */
    private static final ReasonCode[] PUBREL = table(ReasonCode.SUCCESS, 0x92);
    private static final ReasonCode[] SUBACK = table(ReasonCode.GRANTED_QOS_0, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F,
            0x91, 0x97, 0x9E, 0xA1, 0xA2);
    private static final ReasonCode[] UNSUBACK = table(ReasonCode.SUCCESS, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91);
    private static final ReasonCode[] DISCONNECT = table(ReasonCode.NORMAL_DISCONNECTION, 0x04, 0x80, 0x81, 0x82,
            0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C,
            0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2);
    private static final ReasonCode[] AUTH = table(ReasonCode.SUCCESS, 0x18, 0x19);

    /** MQTT 3.1.1 CONNACK return codes 0..5, in order. */
    private static final ReasonCode[] CONNACK_311 = {ReasonCode.SUCCESS, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
        ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, ReasonCode.SERVER_UNAVAILABLE, ReasonCode.BAD_USER_NAME_OR_PASSWORD,
        ReasonCode.NOT_AUTHORIZED};

    private ReasonCodes() {}

    private static ReasonCode[] table(ReasonCode zero, int... values) {
        ReasonCode[] table = new ReasonCode[256];
        table[0] = zero;
        for (int value : values) {
            ReasonCode code = ReasonCode.ofValue(value);
            if (code == null) {
                throw new IllegalStateException("no ReasonCode for 0x" + Integer.toHexString(value));
            }
            table[value] = code;
        }
        return table;
    }

    private static ReasonCode[] tableFor(PacketType type) {
        switch (type) {
            case CONNACK:
                return CONNACK;
            case PUBACK:
            case PUBREC:
                return PUBACK;
            case PUBREL:
            case PUBCOMP:
                return PUBREL;
            case SUBACK:
                return SUBACK;
            case UNSUBACK:
                return UNSUBACK;
            case DISCONNECT:
                return DISCONNECT;
            case AUTH:
                return AUTH;
            default:
                throw new IllegalArgumentException(type + " carries no reason code");
        }
    }

    /**
     * @param type a packet type that carries reason codes in MQTT 5
     * @param value a wire value 0..255
     * @return the code as that packet means it, or null if the packet may not carry that value
     */
    public static ReasonCode decode(PacketType type, int value) {
        return tableFor(type)[value & 0xFF];
    }

    /**
     * @param type a packet type that carries reason codes in MQTT 5
     * @param code a reason code
     * @return true if {@code code} is one the packet may carry
     */
    public static boolean allowed(PacketType type, ReasonCode code) {
        return tableFor(type)[code.value()] != null;
    }

    /**
     * Checks a code for a packet and returns the constant that packet uses for its value (GRANTED_QOS_0 rather than
     * SUCCESS in a SUBACK, say), so packets built by hand equal decoded ones.
     *
     * @param type a packet type that carries reason codes in MQTT 5
     * @param code a reason code
     * @return the code as {@code type} means it
     * @throws IllegalArgumentException if {@code type} may not carry it
     */
    public static ReasonCode require(PacketType type, ReasonCode code) {
        ReasonCode normal = tableFor(type)[code.value()];
        if (normal == null) {
            throw new IllegalArgumentException(code + " is not a " + type + " reason code");
        }
        return normal;
    }

    /**
     * @param returnCode an MQTT 3.1.1 CONNACK return code
     * @return the matching reason code, or null for the reserved values 6..255
     */
    public static ReasonCode connack311(int returnCode) {
        return returnCode >= 0 && returnCode < CONNACK_311.length ? CONNACK_311[returnCode] : null;
    }

    /**
     * @param code a CONNACK reason code
     * @return the MQTT 3.1.1 return code expressing it, or -1 if 3.1.1 has none
     */
    public static int toConnack311(ReasonCode code) {
        if (code.value() == 0) {
            return 0;
        }
        for (int i = 1; i < CONNACK_311.length; i++) {
            if (CONNACK_311[i] == code) {
                return i;
            }
        }
        return -1;
    }
}
