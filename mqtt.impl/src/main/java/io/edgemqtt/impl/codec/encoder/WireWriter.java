package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.impl.codec.Property;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Sizing and writing of the MQTT data types. Sizing validates (string length, UTF-8 encodability, U+0000), so an
 * encoder that sized a packet can write it without further checks and never leaves half a packet in the buffer.
 */
final class WireWriter {
    /** The largest Remaining Length a 4-byte Variable Byte Integer holds. */
    static final int MAX_REMAINING_LENGTH = 268_435_455;

    private WireWriter() {}

    /**
     * @return the number of UTF-8 bytes of {@code s}, without the 2-byte length prefix
     * @throws MqttException if the string cannot be an MQTT UTF-8 Encoded String
     */
    static int utf8Length(String s, String field) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    throw invalid("[MQTT-1.5.4-2] " + field + " must not contain U+0000");
                }
            } else if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // 4 bytes for the pair of 2 chars
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid("[MQTT-1.5.4-1] " + field + " contains an unpaired surrogate at index " + i);
            } else {
                bytes += 2;
            }
        }
        if (bytes > 0xFFFF) {
            throw invalid("[MQTT-1.5.4] " + field + " is " + bytes + " bytes in UTF-8, more than 65535");
        }
        return bytes;
    }

    /** @return the bytes a UTF-8 string field takes on the wire, prefix included */
    static int utf8Size(String s, String field) {
        return 2 + utf8Length(s, field);
    }

    /** @return the bytes a binary field takes on the wire, prefix included */
    static int binarySize(byte[] data, String field) {
        if (data.length > 0xFFFF) {
            throw invalid("[MQTT-1.5.6] " + field + " is " + data.length + " bytes, more than 65535");
        }
        return 2 + data.length;
    }

    static MqttException invalid(String message) {
        return new MqttException(ReasonCode.MALFORMED_PACKET, message);
    }

    /**
     * Writes a string already validated by {@link #utf8Length} during sizing. The length prefix is patched in after
     * the characters, so the string is scanned once here; the ASCII run goes straight into a heap buffer's array.
     */
    static void utf8(ByteBuffer out, String s) {
        int lengthAt = out.position();
        out.position(lengthAt + 2);
        int length = s.length();
        int i = 0;
        if (out.hasArray()) {
            byte[] array = out.array();
            int base = out.arrayOffset() + out.position();
            while (i < length) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                array[base + i] = (byte) c;
                i++;
            }
            out.position(out.position() + i);
        }
        for (; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | c >> 6));
                out.put((byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | cp >> 18));
                out.put((byte) (0x80 | cp >> 12 & 0x3F));
                out.put((byte) (0x80 | cp >> 6 & 0x3F));
                out.put((byte) (0x80 | cp & 0x3F));
            } else {
                out.put((byte) (0xE0 | c >> 12));
                out.put((byte) (0x80 | c >> 6 & 0x3F));
                out.put((byte) (0x80 | c & 0x3F));
            }
        }
        out.putShort(lengthAt, (short) (out.position() - lengthAt - 2));
    }

    static void binary(ByteBuffer out, byte[] data) {
        out.putShort((short) data.length);
        out.put(data);
    }

    static int varIntSize(int value) {
        return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x20_0000 ? 3 : 4;
    }

    static void varInt(ByteBuffer out, int value) {
        int v = value;
        while (v >= 0x80) {
            out.put((byte) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    /**
     * @return the total packet size for {@code remainingLength}
     * @throws MqttException (PACKET_TOO_LARGE) beyond what a Remaining Length can express
     */
    static int totalSize(long remainingLength) {
        if (remainingLength > MAX_REMAINING_LENGTH) {
            throw new MqttException(ReasonCode.PACKET_TOO_LARGE, "packet of " + remainingLength
                    + " bytes exceeds the largest Remaining Length, 268435455 (section 1.5.5)");
        }
        int rl = (int) remainingLength;
        return 1 + varIntSize(rl) + rl;
    }

    /** Refuses up front so that a too-small buffer never receives part of a packet. */
    static void ensure(ByteBuffer out, int size) {
        if (out.remaining() < size) {
            throw new BufferOverflowException();
        }
    }

    static void fixedHeader(ByteBuffer out, int firstByte, int remainingLength) {
        out.put((byte) firstByte);
        varInt(out, remainingLength);
    }

    /** @return the bytes of a Property Length and the properties it covers */
    static int propertiesSize(int propertiesLength) {
        return varIntSize(propertiesLength) + propertiesLength;
    }

    static int userPropertiesSize(List<UserProperty> properties) {
        int size = 0;
        for (int i = 0, n = properties.size(); i < n; i++) {
            UserProperty property = properties.get(i);
            size += 1 + utf8Size(property.name(), "User Property name")
                    + utf8Size(property.value(), "User Property value");
        }
        return size;
    }

    static void userProperties(ByteBuffer out, List<UserProperty> properties) {
        for (int i = 0, n = properties.size(); i < n; i++) {
            UserProperty property = properties.get(i);
            out.put((byte) Property.USER_PROPERTY.id());
            utf8(out, property.name());
            utf8(out, property.value());
        }
    }

    /** @return the size of a string property, or 0 when absent */
    static int stringPropertySize(String value, Property property) {
        return value == null ? 0 : 1 + utf8Size(value, property.displayName());
    }

    static void stringProperty(ByteBuffer out, String value, Property property) {
        if (value != null) {
            out.put((byte) property.id());
            utf8(out, value);
        }
    }

    static int binaryPropertySize(byte[] value, Property property) {
        return value == null ? 0 : 1 + binarySize(value, property.displayName());
    }

    static void binaryProperty(ByteBuffer out, byte[] value, Property property) {
        if (value != null) {
            out.put((byte) property.id());
            binary(out, value);
        }
    }

    static void byteProperty(ByteBuffer out, Property property, int value) {
        out.put((byte) property.id());
        out.put((byte) value);
    }

    static void shortProperty(ByteBuffer out, Property property, int value) {
        out.put((byte) property.id());
        out.putShort((short) value);
    }

    static void intProperty(ByteBuffer out, Property property, long value) {
        out.put((byte) property.id());
        out.putInt((int) value);
    }
}
