package io.edgemqtt.impl.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 straight into a {@link ByteBuffer}, so that writing a record allocates no intermediate byte array. Encodes
 * exactly like {@link String#getBytes(java.nio.charset.Charset)} with UTF-8: an unpaired surrogate becomes {@code '?'}.
 */
final class Utf8 {
    private Utf8() {}

    static int encodedLength(String text) {
        int chars = text.length();
        int bytes = chars;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 2; // two chars, four bytes
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } // an unpaired surrogate is one '?'
        }
        return bytes;
    }

    /** Writes the UTF-8 bytes of {@code text}; the caller made room for {@link #encodedLength(String)} bytes. */
    static void encode(String text, ByteBuffer out) {
        int chars = text.length();
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6)));
                out.put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(++i));
                    out.put((byte) (0xF0 | (codePoint >> 18)));
                    out.put((byte) (0x80 | ((codePoint >> 12) & 0x3F)));
                    out.put((byte) (0x80 | ((codePoint >> 6) & 0x3F)));
                    out.put((byte) (0x80 | (codePoint & 0x3F)));
                } else {
                    out.put((byte) '?');
                }
            } else {
                out.put((byte) (0xE0 | (c >> 12)));
                out.put((byte) (0x80 | ((c >> 6) & 0x3F)));
                out.put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }

    /** Reads {@code length} bytes at the buffer's position as UTF-8 and advances past them. */
    static String decode(ByteBuffer in, int length) {
        String text;
        if (in.hasArray()) {
            text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
        } else {
            byte[] bytes = new byte[length];
            in.get(bytes);
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        return text;
    }
}
