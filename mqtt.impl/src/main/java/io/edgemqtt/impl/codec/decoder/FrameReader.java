package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.MalformedPacketException;
import io.edgemqtt.impl.codec.PacketType;
import java.nio.ByteBuffer;

/**
 * Reads the fixed header (section 2.1) of the packet at the buffer's position without consuming anything, so the
 * caller can tell a complete packet from one still arriving and size its read buffer before the body arrives.
 *
 * <p>Remaining Length: at most 4 bytes; a longer encoding is malformed. Non-minimal encodings (e.g. {@code 0x80 0x00}
 * for 0) are rejected on both protocol versions: MQTT 5 forbids them (MQTT-1.5.5-1), MQTT 3.1.1's algorithm never
 * produces them, and accepting them would allow the same packet to be framed two ways.
 */
public final class FrameReader {
    /** Returned while the fixed header itself is incomplete. */
    public static final int NEED_MORE = -1;

    /** The largest total size a packet can have: 1 type byte, 4 length bytes, 268435455 remaining. */
    public static final int MAX_FRAME = 1 + 4 + 268_435_455;

    private FrameReader() {}

    /**
     * @param in bytes received so far, from the start of a packet at the position; not modified
     * @param version the connection's protocol version (AUTH is reserved on 3.1.1)
     * @param maximumPacketSize the largest total packet size accepted, or 0 for no limit beyond the protocol's
     * @return the total size of the packet (fixed header + Remaining Length), or {@link #NEED_MORE} if the fixed header
     *     has not fully arrived yet
     * @throws MalformedPacketException for a reserved type, wrong fixed-header flags, an over-long or non-minimal
     *     Remaining Length, or (PACKET_TOO_LARGE) a packet larger than {@code maximumPacketSize}
     */
    public static int frameLength(ByteBuffer in, MqttVersion version, long maximumPacketSize) {
        int available = in.remaining();
        if (available < 1) {
            return NEED_MORE;
        }
        int start = in.position();
        checkFirstByte(in.get(start) & 0xFF, version);
        int remaining = 0;
        for (int i = 0; i < 4; i++) {
            if (available < 2 + i) {
                return NEED_MORE;
            }
            int b = in.get(start + 1 + i) & 0xFF;
            remaining |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw malformed("[MQTT-1.5.5-1] Remaining Length is not encoded in the minimum number of bytes");
                }
                int total = 2 + i + remaining;
                if (maximumPacketSize > 0 && total > maximumPacketSize) {
                    throw new MalformedPacketException(ReasonCode.PACKET_TOO_LARGE, "packet too large: "
                            + PacketType.of((in.get(start) & 0xFF) >> 4) + " of " + total
                            + " bytes exceeds the Maximum Packet Size of " + maximumPacketSize + " (section 3.1.2.11.4)");
                }
                return total;
            }
        }
        throw malformed("malformed packet: Remaining Length is longer than 4 bytes (section 1.5.5)");
    }

    /** Checks the packet type and the flags that type must carry (MQTT 5 MQTT-2.1.3-1, 3.1.1 MQTT-2.2.2-1). */
    static PacketType checkFirstByte(int first, MqttVersion version) {
        PacketType type = PacketType.of(first >> 4);
        if (type == null || type == PacketType.AUTH && version == MqttVersion.V3_1_1) {
            throw malformed("malformed packet: control packet type " + (first >> 4) + " is reserved on MQTT "
                    + (version == MqttVersion.V5 ? "5" : "3.1.1"));
        }
        int flags = first & 0x0F;
        if (type.fixedFlags() >= 0 && flags != type.fixedFlags()) {
            throw malformed("[" + (version == MqttVersion.V5 ? "MQTT-2.1.3-1" : "MQTT-2.2.2-1") + "] " + type
                    + " fixed header flags must be " + bits(type.fixedFlags()) + ", were " + bits(flags));
        }
        return type;
    }

    private static String bits(int nibble) {
        return "" + (nibble >> 3 & 1) + (nibble >> 2 & 1) + (nibble >> 1 & 1) + (nibble & 1);
    }
}
