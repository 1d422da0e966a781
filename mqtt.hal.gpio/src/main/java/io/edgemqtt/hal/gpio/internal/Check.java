package io.edgemqtt.hal.gpio.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of configuration values; each failure is a {@link ConfigException} naming the property. */
public final class Check {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private Check() {}

    /**
     * @param property the property name
     * @param value a device identifier
     * @return the identifier
     * @throws ConfigException unless it is 1 to 64 letters, digits, '_', '.' or '-' (so it fits a topic level)
     */
    public static String id(String property, String value) throws ConfigException {
        if (value == null || value.isEmpty()) {
            throw new ConfigException(property, "is required");
        }
        if (!ID.matcher(value).matches()) {
            throw new ConfigException(property, "must be 1-64 letters, digits, '_', '.' or '-' starting with a "
                    + "letter or digit, was '" + value + "'");
        }
        return value;
    }

    /**
     * @param property the property name
     * @param value the value
     * @param min the lowest value allowed
     * @param max the highest value allowed
     * @return the value
     * @throws ConfigException if out of range
     */
    public static long range(String property, long value, long min, long max) throws ConfigException {
        if (value < min || value > max) {
            throw new ConfigException(property, "must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    /**
     * @param property the property name
     * @param value the value
     * @param min the lowest value allowed
     * @return the value
     * @throws ConfigException if below {@code min} or not finite
     */
    public static double atLeast(String property, double value, double min) throws ConfigException {
        if (!Double.isFinite(value) || value < min) {
            throw new ConfigException(property, "must be a number of at least " + min + ", was " + value);
        }
        return value;
    }

    /**
     * @param property the property name
     * @param value the value
     * @return the value
     * @throws ConfigException if not a finite number
     */
    public static double finite(String property, double value) throws ConfigException {
        if (!Double.isFinite(value)) {
            throw new ConfigException(property, "must be a finite number, was " + value);
        }
        return value;
    }

    /**
     * @param property the property name
     * @param value the value, compared without regard to case
     * @param allowed the values allowed, lower case
     * @return the value in lower case
     * @throws ConfigException if not one of {@code allowed}
     */
    public static String oneOf(String property, String value, String... allowed) throws ConfigException {
        String lower = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.equals(lower)) {
                return lower;
            }
        }
        throw new ConfigException(property, "must be one of " + Arrays.toString(allowed) + ", was '" + value + "'");
    }

    /**
     * Reads a multi-value property. A {@code .cfg} file (FileInstall) can only hold a single string, which DS turns
     * into a one-element array, so each element is also split at commas.
     *
     * @param values the values as DS passes them, or null
     * @return the trimmed, non-empty values in order
     */
    public static List<String> list(String[] values) {
        List<String> list = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        list.add(part.trim());
                    }
                }
            }
        }
        return list;
    }

    /**
     * @param property the property name
     * @param value a folder
     * @return the path
     * @throws ConfigException if empty or not a path
     */
    public static Path path(String property, String value) throws ConfigException {
        if (value == null || value.isBlank()) {
            throw new ConfigException(property, "is required");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(property, "is not a path: " + e.getMessage());
        }
    }
}
