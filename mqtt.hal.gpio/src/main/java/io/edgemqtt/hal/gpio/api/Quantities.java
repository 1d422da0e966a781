package io.edgemqtt.hal.gpio.api;

/**
 * Names of the quantities the providers of this bundle measure, as found in {@link Reading#quantity()}, in {@link
 * Sensor#quantities()} and in topic templates. Other providers may use other names.
 */
public final class Quantities {
    /** Temperature in degrees Celsius ({@value #CELSIUS}). */
    public static final String TEMPERATURE = "temperature";
    /** Relative humidity in percent ({@value #PERCENT}). */
    public static final String HUMIDITY = "humidity";
    /** Air pressure in hectopascal ({@value #HECTOPASCAL}). */
    public static final String PRESSURE = "pressure";
    /** The logical level of a digital input or output: 1 (active) or 0 (inactive), no unit. */
    public static final String STATE = "state";
    /** A generic value without a predefined meaning (simulated sensors use it unless configured otherwise). */
    public static final String VALUE = "value";

    /** Unit of {@link #TEMPERATURE}. */
    public static final String CELSIUS = "°C";
    /** Unit of {@link #HUMIDITY}. */
    public static final String PERCENT = "%";
    /** Unit of {@link #PRESSURE}. */
    public static final String HECTOPASCAL = "hPa";

    private Quantities() {}
}
