package io.edgemqtt.impl.osgi;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads typed values from raw configuration properties, whatever form they arrived in (a {@code .cfg} file gives
 * strings, a {@code .config} file or Kura's UI typed values), with errors that name the property. Secret values never
 * appear in an error message.
 */
final class ConfigValues {
    private final Map<String, ?> properties;

    ConfigValues(Map<String, ?> properties) {
        this.properties = properties;
    }

    String string(String key, String fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.getClass().isArray()) {
            return Array.getLength(value) == 0 ? fallback : String.valueOf(Array.get(value, 0)).trim();
        }
        return value.toString().trim();
    }

    /** A list from an array, a collection or a comma-separated string; blank entries dropped. */
    List<String> strings(String key, List<String> fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        List<String> items = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                split(String.valueOf(Array.get(value, i)), items);
            }
        } else if (value instanceof Iterable) {
            for (Object item : (Iterable<?>) value) {
                split(String.valueOf(item), items);
            }
        } else {
            split(value.toString(), items);
        }
        return items.isEmpty() ? fallback : items;
    }

    private static void split(String text, List<String> into) {
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                into.add(part.trim());
            }
        }
    }

    boolean bool(String key, boolean fallback) throws InvalidConfigurationException {
        String text = string(key, null);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidConfigurationException(key, "'" + text + "' is not true or false");
    }

    long number(String key, long fallback, long min, long max) throws InvalidConfigurationException {
        String text = string(key, null);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, "'" + text + "' is not a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidConfigurationException(key, parsed + " is outside " + min + ".." + max);
        }
        return parsed;
    }

    int integer(String key, int fallback, int min, int max) throws InvalidConfigurationException {
        return (int) number(key, fallback, min, max);
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) throws InvalidConfigurationException {
        String text = string(key, null);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, "'" + text + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
