package io.edgemqtt.impl.codec;

import io.edgemqtt.api.UserProperty;
import java.util.List;

/** Range checks and defensive copies shared by the packet records, so each record stays a few lines. */
final class Values {
    static final int MAX_PACKET_ID = 0xFFFF;
    static final long MAX_FOUR_BYTE = 0xFFFF_FFFFL;

    private Values() {}

    static int twoBytes(String name, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + " must be 0..65535, was " + value);
        }
        return value;
    }

    static long fourBytes(String name, long value) {
        if (value < 0 || value > MAX_FOUR_BYTE) {
            throw new IllegalArgumentException(name + " must be 0..4294967295, was " + value);
        }
        return value;
    }

    /** For values where -1 means "absent" (the property is not sent). */
    static long fourBytesOrAbsent(String name, long value) {
        return value == -1 ? -1 : fourBytes(name, value);
    }

    static int packetId(int value) {
        if (value < 1 || value > MAX_PACKET_ID) {
            throw new IllegalArgumentException("packet identifier must be 1..65535, was " + value);
        }
        return value;
    }

    static List<UserProperty> users(List<UserProperty> properties) {
        return properties == null || properties.isEmpty() ? List.of() : List.copyOf(properties);
    }

    static byte[] copy(byte[] bytes) {
        return bytes == null ? null : bytes.clone();
    }
}
