package io.edgemqtt.impl.codec;

import java.nio.ByteBuffer;

/** Test helper: packets written as hex, the way the spec's tables show them. */
public final class Hex {
    private Hex() {}

    /** @param hex bytes as hex pairs, spaces ignored, e.g. "30 05 00 03 61 2F 62" */
    public static byte[] bytes(String hex) {
        String digits = hex.replace(" ", "");
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    public static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    public static String of(byte[] bytes, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Character.toUpperCase(Character.forDigit(bytes[i] >> 4 & 0xF, 16)));
            sb.append(Character.toUpperCase(Character.forDigit(bytes[i] & 0xF, 16)));
        }
        return sb.toString();
    }
}
