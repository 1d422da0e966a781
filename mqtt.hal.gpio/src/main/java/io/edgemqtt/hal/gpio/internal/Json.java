package io.edgemqtt.hal.gpio.internal;

import java.math.BigDecimal;

/**
 * A minimal JSON object writer, enough for readings and states: string, integer, number, boolean and nested object
 * fields, written in the order they are added. Numbers that JSON cannot express (NaN, infinities) become {@code
 * null}. Not thread-safe.
 */
public final class Json {
    private final StringBuilder text = new StringBuilder(96).append('{');
    private boolean first = true;

    private Json() {}

    /** @return an empty object to add fields to */
    public static Json object() {
        return new Json();
    }

    /**
     * @param name the field's name
     * @param value the value, or null
     * @return this object
     */
    public Json field(String name, String value) {
        name(name);
        if (value == null) {
            text.append("null");
        } else {
            string(value);
        }
        return this;
    }

    /**
     * @param name the field's name
     * @param value the value
     * @return this object
     */
    public Json field(String name, long value) {
        name(name);
        text.append(value);
        return this;
    }

    /**
     * @param name the field's name
     * @param value the value; NaN and infinities are written as null
     * @return this object
     */
    public Json field(String name, double value) {
        name(name);
        text.append(number(value));
        return this;
    }

    /**
     * @param name the field's name
     * @param value the value
     * @return this object
     */
    public Json field(String name, boolean value) {
        name(name);
        text.append(value);
        return this;
    }

    /**
     * @param name the field's name
     * @param value a finished nested object
     * @return this object
     */
    public Json field(String name, Json value) {
        name(name);
        text.append(value.toString());
        return this;
    }

    /**
     * @param value a number
     * @return its JSON text: plain notation, no trailing zeros after the point, integers without a point ({@code 21.5},
     *     {@code 1005}, {@code 0.000012}); {@code null} for NaN and infinities
     */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private void name(String name) {
        if (!first) {
            text.append(',');
        }
        first = false;
        string(name);
        text.append(':');
    }

    private void string(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    text.append("\\\"");
                    break;
                case '\\':
                    text.append("\\\\");
                    break;
                case '\n':
                    text.append("\\n");
                    break;
                case '\r':
                    text.append("\\r");
                    break;
                case '\t':
                    text.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
            }
        }
        text.append('"');
    }

    /** @return the object's JSON text, closed */
    @Override
    public String toString() {
        return text + "}";
    }
}
