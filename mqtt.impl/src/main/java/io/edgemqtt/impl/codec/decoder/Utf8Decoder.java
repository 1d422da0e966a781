package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;

import io.edgemqtt.api.MqttVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an MQTT UTF-8 Encoded String and enforces what the JDK decoder would silently replace: well-formed UTF-8
 * without surrogates (MQTT 5 MQTT-1.5.4-1, 3.1.1 MQTT-1.5.3-1) and no U+0000 (MQTT-1.5.4-2 / MQTT-1.5.3-2).
 *
 * <p>Topics and most property strings are ASCII, so the common path is one scan plus a Latin-1 copy into the String
 * (which the JDK stores compactly without transcoding).
 */
final class Utf8Decoder {
    private Utf8Decoder() {}

    static String decode(ByteBuffer in, int length, String field, MqttVersion version) {
        byte[] bytes;
        int from;
        if (in.hasArray()) {
            bytes = in.array();
            from = in.arrayOffset() + in.position();
            in.position(in.position() + length);
        } else {
            bytes = new byte[length];
            from = 0;
            in.get(bytes);
        }
        int end = from + length;
        int i = from;
        while (i < end && bytes[i] > 0) {
            i++;
        }
        if (i == end) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        validate(bytes, from, i, end, field, version);
        return new String(bytes, from, length, StandardCharsets.UTF_8);
    }

    /** RFC 3629 well-formedness, byte by byte from {@code from}, the first non-ASCII (or zero) byte. */
    static void validate(byte[] bytes, int start, int from, int end, String field, MqttVersion version) {
        int i = from;
        while (i < end) {
            int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80) {
                if (b0 == 0) {
                    throw malformed("[" + rule(version, 2) + "] " + field + " contains U+0000");
                }
                i++;
                continue;
            }
            int trailing;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                trailing = 1;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                trailing = 2;
                if (b0 == 0xE0) {
                    min2 = 0xA0; // shorter forms are overlong
                } else if (b0 == 0xED) {
                    max2 = 0x9F; // ED A0..BF would encode U+D800..U+DFFF
                    if (i + 1 < end && (bytes[i + 1] & 0xFF) >= 0xA0 && (bytes[i + 1] & 0xFF) <= 0xBF) {
                        throw malformed("[" + rule(version, 1) + "] " + field
                                + " encodes a surrogate code point (U+D800..U+DFFF)");
                    }
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                trailing = 3;
                if (b0 == 0xF0) {
                    min2 = 0x90; // overlong
                } else if (b0 == 0xF4) {
                    max2 = 0x8F; // beyond U+10FFFF
                }
            } else {
                throw invalid(field, version, i - start);
            }
            if (i + trailing >= end) {
                throw invalid(field, version, i - start);
            }
            int b1 = bytes[i + 1] & 0xFF;
            if (b1 < min2 || b1 > max2) {
                throw invalid(field, version, i - start);
            }
            for (int k = 2; k <= trailing; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    throw invalid(field, version, i - start);
                }
            }
            i += trailing + 1;
        }
    }

    private static RuntimeException invalid(String field, MqttVersion version, int offset) {
        return malformed("[" + rule(version, 1) + "] " + field + " is not well-formed UTF-8 (at byte " + offset + ")");
    }

    private static String rule(MqttVersion version, int n) {
        return (version == MqttVersion.V5 ? "MQTT-1.5.4-" : "MQTT-1.5.3-") + n;
    }
}
