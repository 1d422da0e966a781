package io.edgemqtt.hal.gpio.internal;

import java.io.IOException;
import java.util.regex.Pattern;

/** Parsing of the numbers sysfs attributes hold. */
public final class SysfsValues {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d{1,18}(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,3})?");

    private SysfsValues() {}

    /**
     * @param what names the attribute in the message
     * @param text the attribute's content
     * @return the integer
     * @throws IOException if empty or not an integer
     */
    public static long integer(String what, String text) throws IOException {
        if (text.isEmpty()) {
            throw new IOException(what + " is empty");
        }
        if (!INTEGER.matcher(text).matches()) {
            throw new IOException(what + " is not an integer: '" + abbreviate(text) + "'");
        }
        return Long.parseLong(text);
    }

    /**
     * @param what names the attribute in the message
     * @param text the attribute's content, an integer or a decimal such as {@code 100.234567} or {@code 0.010000000}
     * @return the number
     * @throws IOException if empty or not a number
     */
    public static double decimal(String what, String text) throws IOException {
        if (text.isEmpty()) {
            throw new IOException(what + " is empty");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new IOException(what + " is not a number: '" + abbreviate(text) + "'");
        }
        return Double.parseDouble(text);
    }

    /**
     * @param text any text read from a device
     * @return at most 40 characters of it, for a log line
     */
    public static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /**
     * @param e a failed read
     * @return the failure in a few words: a missing file says so instead of naming only the path
     */
    public static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "not present: " + e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
