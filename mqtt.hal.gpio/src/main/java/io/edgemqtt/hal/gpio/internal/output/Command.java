package io.edgemqtt.hal.gpio.internal.output;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a command payload: a bare word ({@code 1}, {@code on}, ...) or a flat JSON object such as {@code {"value":1}}
 * or {@code {"id":"relay1","value":"off"}}, whose {@code value} is a number, boolean or word. Words are compared
 * without regard to case against the configured on and off words. Immutable.
 */
final class Command {
    private final Optional<String> id;
    private final boolean level;

    private Command(Optional<String> id, boolean level) {
        this.id = id;
        this.level = level;
    }

    /** @return the output the payload names, if it names one */
    Optional<String> id() {
        return id;
    }

    /** @return the level asked for */
    boolean level() {
        return level;
    }

    /**
     * @param payload the payload as text
     * @param onWords the words meaning on, lower case
     * @param offWords the words meaning off, lower case
     * @return the command
     * @throws IllegalArgumentException saying why the payload is not a command
     */
    static Command parse(String payload, Set<String> onWords, Set<String> offWords) {
        String text = payload.strip();
        if (text.startsWith("{")) {
            Map<String, Object> object = FlatJson.parse(text);
            Object value = object.get("value");
            if (value == null) {
                throw new IllegalArgumentException("the JSON object has no \"value\"");
            }
            Object id = object.get("id");
            if (id != null && !(id instanceof String)) {
                throw new IllegalArgumentException("\"id\" must be a string");
            }
            String word = value instanceof Double ? FlatJson.numberText((Double) value) : value.toString();
            return new Command(Optional.ofNullable((String) id), level(word, onWords, offWords));
        }
        return new Command(Optional.empty(), level(text, onWords, offWords));
    }

    private static boolean level(String word, Set<String> onWords, Set<String> offWords) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (onWords.contains(lower)) {
            return true;
        }
        if (offWords.contains(lower)) {
            return false;
        }
        throw new IllegalArgumentException("'" + abbreviate(word) + "' is not one of on " + onWords + " or off "
                + offWords);
    }

    static String abbreviate(String text) {
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < text.length() && clean.length() < 40; i++) {
            char c = text.charAt(i);
            clean.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > 40 ? clean + "..." : clean.toString();
    }

    /** A reader for flat JSON objects: string, number, boolean and null members, no nesting. */
    static final class FlatJson {
        private final String text;
        private int at;

        private FlatJson(String text) {
            this.text = text;
        }

        static Map<String, Object> parse(String text) {
            if (text.length() > 4096) {
                throw new IllegalArgumentException("the JSON payload is over 4096 characters");
            }
            FlatJson reader = new FlatJson(text);
            Map<String, Object> members = reader.object();
            reader.space();
            if (reader.at != text.length()) {
                throw reader.error("text after the object");
            }
            return members;
        }

        static String numberText(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value);
        }

        private Map<String, Object> object() {
            Map<String, Object> members = new LinkedHashMap<>();
            expect('{');
            space();
            if (peek() == '}') {
                at++;
                return members;
            }
            while (true) {
                space();
                String name = string();
                space();
                expect(':');
                space();
                members.put(name, value());
                space();
                char next = next();
                if (next == '}') {
                    return members;
                }
                if (next != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (text.startsWith("true", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                int start = at;
                while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0) {
                    at++;
                }
                try {
                    return Double.parseDouble(text.substring(start, at));
                } catch (NumberFormatException e) {
                    throw error("malformed number");
                }
            }
            throw error(c == '{' || c == '[' ? "nested values are not accepted" : "expected a value");
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    char escaped = next();
                    switch (escaped) {
                        case 'n': value.append('\n'); break;
                        case 't': value.append('\t'); break;
                        case 'r': value.append('\r'); break;
                        case 'b': value.append('\b'); break;
                        case 'f': value.append('\f'); break;
                        case 'u':
                            if (at + 4 > text.length()) {
                                throw error("short \\u escape");
                            }
                            try {
                                value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            } catch (NumberFormatException e) {
                                throw error("malformed \\u escape");
                            }
                            at += 4;
                            break;
                        default: value.append(escaped);
                    }
                } else if (c < 0x20) {
                    throw error("control character in a string");
                } else {
                    value.append(c);
                }
            }
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                at--;
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("malformed JSON at " + at + ": " + what);
        }
    }
}
