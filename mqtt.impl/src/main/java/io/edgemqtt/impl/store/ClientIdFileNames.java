package io.edgemqtt.impl.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Maps a client identifier (any string: slashes, dots, control characters, any script, up to 65,535 bytes) to a
 * folder name that is safe on every common file system, and back.
 *
 * <p>The name is {@code c-} followed by the id with lower-case ASCII letters, digits and {@code -} kept, an upper-case
 * letter written as {@code _} and the letter in lower case (so two ids that differ only in case stay apart on a
 * case-insensitive file system), and every other UTF-16 unit written as {@code %} and four lower-case hex digits (so
 * even an unpaired surrogate survives). The prefix keeps names such as {@code ..}, {@code CON} or the empty id
 * harmless. A name that would be longer than {@value #MAX_ESCAPED} characters keeps its first part and ends in
 * {@code ~} and the SHA-256 of the id instead; such a name cannot be decoded, so the store also keeps the full id in
 * its folder.
 */
final class ClientIdFileNames {
    static final int MAX_ESCAPED = 160;
    private static final String PREFIX = "c-";
    private static final int KEPT_BEFORE_HASH = 96;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ClientIdFileNames() {}

    static String encode(String clientId) {
        StringBuilder name = new StringBuilder(PREFIX.length() + clientId.length() + 8).append(PREFIX);
        for (int i = 0; i < clientId.length(); i++) {
            char c = clientId.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                name.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                name.append('_').append((char) (c + ('a' - 'A')));
            } else {
                name.append('%').append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                        .append(HEX[c & 0xF]);
            }
            if (name.length() > PREFIX.length() + MAX_ESCAPED) {
                return hashed(clientId, name);
            }
        }
        return name.toString();
    }

    /** @return the client id a folder name stands for, or empty if it is a hashed name or not one of ours */
    static Optional<String> decode(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        StringBuilder id = new StringBuilder(name.length());
        for (int i = PREFIX.length(); i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                id.append(c);
            } else if (c == '_' && i + 1 < name.length() && name.charAt(i + 1) >= 'a' && name.charAt(i + 1) <= 'z') {
                id.append((char) (name.charAt(++i) - ('a' - 'A')));
            } else if (c == '%' && i + 4 < name.length()) {
                int unit = 0;
                for (int k = 1; k <= 4; k++) {
                    int digit = Character.digit(name.charAt(i + k), 16);
                    if (digit < 0 || Character.isUpperCase(name.charAt(i + k))) {
                        return Optional.empty();
                    }
                    unit = unit << 4 | digit;
                }
                id.append((char) unit);
                i += 4;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(id.toString());
    }

    private static String hashed(String clientId, StringBuilder escaped) {
        int keep = PREFIX.length() + KEPT_BEFORE_HASH;
        // do not cut an escape in half: it would read as a different id to a person looking at the folder
        int lastEscape = Math.max(escaped.lastIndexOf("%", keep - 1), escaped.lastIndexOf("_", keep - 1));
        if (lastEscape >= 0 && lastEscape + (escaped.charAt(lastEscape) == '%' ? 5 : 2) > keep) {
            keep = lastEscape;
        }
        StringBuilder name = new StringBuilder(keep + 65).append(escaped, 0, keep).append('~');
        for (byte b : sha256(clientId)) {
            name.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return name.toString();
    }

    private static byte[] sha256(String clientId) {
        // the UTF-16 units as they are (a charset would replace an unpaired surrogate), so two ids never share input
        byte[] units = new byte[clientId.length() * 2];
        for (int i = 0; i < clientId.length(); i++) {
            units[2 * i] = (byte) (clientId.charAt(i) >> 8);
            units[2 * i + 1] = (byte) clientId.charAt(i);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(units);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
