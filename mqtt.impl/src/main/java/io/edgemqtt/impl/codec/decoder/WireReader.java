package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.impl.codec.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * Bounds-checked reads of the MQTT data types. The caller has set the buffer's limit to the end of the packet (or of a
 * property block), so "remaining" is exactly what the Remaining Length still covers and a field that would run past it
 * fails with the field's name instead of an {@link java.nio.BufferUnderflowException}.
 */
final class WireReader {
    private WireReader() {}

    static MalformedPacketException truncated(ByteBuffer in, String field, int needed) {
        return malformed("malformed packet: " + field + " needs " + needed + " byte(s) but only " + in.remaining()
                + " remain within the Remaining Length");
    }

    static int u8(ByteBuffer in, String field) {
        if (!in.hasRemaining()) {
            throw truncated(in, field, 1);
        }
        return in.get() & 0xFF;
    }

    static int u16(ByteBuffer in, String field) {
        if (in.remaining() < 2) {
            throw truncated(in, field, 2);
        }
        return in.getShort() & 0xFFFF;
    }

    static long u32(ByteBuffer in, String field) {
        if (in.remaining() < 4) {
            throw truncated(in, field, 4);
        }
        return in.getInt() & 0xFFFF_FFFFL;
    }

    /**
     * Reads a Variable Byte Integer: at most 4 bytes, and (like the Remaining Length) only in its shortest form,
     * MQTT-1.5.5-1.
     */
    static int varInt(ByteBuffer in, String field) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (!in.hasRemaining()) {
                throw truncated(in, field, 1);
            }
            int b = in.get() & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw malformed("[MQTT-1.5.5-1] " + field + " is not encoded in the minimum number of bytes");
                }
                return value;
            }
        }
        throw malformed("malformed packet: " + field + " is a Variable Byte Integer longer than 4 bytes (section 1.5.5)");
    }

    /** Reads a packet identifier that must not be 0 (MQTT 5: MQTT-2.2.1-3, 3.1.1: MQTT-2.3.1-1). */
    static int packetId(ByteBuffer in, String packet, MqttVersion version) {
        // Field names are joined only on failure: this runs for every packet.
        if (in.remaining() < 2) {
            throw truncated(in, packet + " Packet Identifier", 2);
        }
        int id = in.getShort() & 0xFFFF;
        if (id == 0) {
            throw malformed("[" + (version == MqttVersion.V5 ? "MQTT-2.2.1-3" : "MQTT-2.3.1-1") + "] " + packet
                    + " Packet Identifier must not be 0");
        }
        return id;
    }

    static String utf8(ByteBuffer in, String field, MqttVersion version) {
        int length = length(in, field);
        if (in.remaining() < length) {
            throw truncated(in, field, length);
        }
        return Utf8Decoder.decode(in, length, field, version);
    }

    static byte[] binary(ByteBuffer in, String field) {
        int length = length(in, field);
        if (in.remaining() < length) {
            throw truncated(in, field, length);
        }
        byte[] data = new byte[length];
        in.get(data);
        return data;
    }

    /** Reads the 2-byte length of a string or binary field; the field name is joined only on failure. */
    private static int length(ByteBuffer in, String field) {
        if (in.remaining() < 2) {
            throw truncated(in, field + " length", 2);
        }
        return in.getShort() & 0xFFFF;
    }

    /**
     * Narrows the buffer to the next {@code length} bytes so that reads cannot stray into what follows.
     *
     * @return the limit to restore with {@link ByteBuffer#limit(int)} once the block is read
     */
    static int narrow(ByteBuffer in, int length, String block) {
        if (in.remaining() < length) {
            throw malformed("malformed packet: " + block + " length " + length + " overruns the packet ("
                    + in.remaining() + " bytes remain)");
        }
        int outer = in.limit();
        in.limit(in.position() + length);
        return outer;
    }
}
