package io.edgemqtt.impl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClientIdFileNamesTest {
    static Stream<String> oddIds() {
        return Stream.of("", "client-1", "Client-1", ".", "..", "../../etc/passwd", "/", "a/b", "a\\b", "C:",
                "CON", "nul", "con.txt", " ", "trailing. ", "%", "%0041", "_", "_a", "~", "tab\there", "nul\u0000byte",
                "ünïcödé", "中文客户端", "😀", "\uD800", "a\uDC00", "*?<>|\"'", "x".repeat(159), "y".repeat(161),
                "Z".repeat(100), "ä".repeat(40), "z".repeat(65_535));
    }

    @ParameterizedTest
    @MethodSource("oddIds")
    void namesAreSafeAndDecodeBackUnlessHashed(String id) {
        String name = ClientIdFileNames.encode(id);
        assertTrue(name.matches("c-[a-z0-9_%~-]*"), name);
        assertTrue(name.length() <= 2 + ClientIdFileNames.MAX_ESCAPED + 1, "length " + name.length());
        assertTrue(name.getBytes(StandardCharsets.UTF_8).length < 255);
        assertEquals(1, Path.of("base").resolve(name).normalize().getNameCount() - 1, "one level below");
        Optional<String> decoded = ClientIdFileNames.decode(name);
        if (name.contains("~")) {
            assertTrue(decoded.isEmpty(), "hashed names do not decode");
            assertTrue(name.length() <= 2 + 96 + 1 + 64 && name.length() > 2 + 90 + 1 + 64, name);
            assertTrue(name.matches("c-([a-z0-9-]|_[a-z]|%[0-9a-f]{4})*~[0-9a-f]{64}"), "escapes are not cut: " + name);
        } else {
            assertEquals(Optional.of(id), decoded);
        }
    }

    @Test
    void distinctIdsGetDistinctNamesEvenIgnoringCase() {
        Set<String> names = new HashSet<>();
        oddIds().forEach(id -> assertTrue(names.add(ClientIdFileNames.encode(id).toLowerCase(Locale.ROOT)), id));
        String longId = "q".repeat(500);
        assertNotEquals(ClientIdFileNames.encode(longId), ClientIdFileNames.encode(longId + "r"));
        assertNotEquals(ClientIdFileNames.encode(longId + "\uD800"), ClientIdFileNames.encode(longId + "\uD801"));
        assertEquals(ClientIdFileNames.encode(longId), ClientIdFileNames.encode(new String(longId)));
    }

    @Test
    void foreignNamesDoNotDecode() {
        assertTrue(ClientIdFileNames.decode("session.log").isEmpty());
        assertTrue(ClientIdFileNames.decode("c-A").isEmpty());
        assertTrue(ClientIdFileNames.decode("c-%12").isEmpty());
        assertTrue(ClientIdFileNames.decode("c-%00A1").isEmpty());
        assertTrue(ClientIdFileNames.decode("c-_").isEmpty());
    }
}
