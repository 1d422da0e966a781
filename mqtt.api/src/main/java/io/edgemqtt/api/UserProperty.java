package io.edgemqtt.api;

import java.util.Objects;

/**
 * An MQTT 5 user property: a name/value pair of UTF-8 strings. Names may repeat and order is kept.
 * Ignored (never sent) on an MQTT 3.1.1 connection.
 */
public final class UserProperty {
    private final String name;
    private final String value;

    private UserProperty(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * @param name the property name
     * @param value the property value
     * @return a user property
     */
    public static UserProperty of(String name, String value) {
        return new UserProperty(name, value);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the value */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserProperty
                && ((UserProperty) other).name.equals(name)
                && ((UserProperty) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return name + "=" + value;
    }
}
