package io.edgemqtt.hal.gpio.internal;

/** An invalid configuration value: names the property and says what is wrong with it. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String problem;

    /**
     * @param property the property's name as written in the configuration, for example {@code interval.ms}
     * @param problem what is wrong, for example {@code must be at least 100, was 5}
     */
    public ConfigException(String property, String problem) {
        super(property + ": " + problem);
        this.property = property;
        this.problem = problem;
    }

    /** @return the property's name */
    public String property() {
        return property;
    }

    /** @return what is wrong */
    public String problem() {
        return problem;
    }
}
