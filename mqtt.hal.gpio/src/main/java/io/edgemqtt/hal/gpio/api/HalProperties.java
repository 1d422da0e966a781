package io.edgemqtt.hal.gpio.api;

/**
 * Service properties every device service of this bundle carries, for target filters such as {@code (hal.id=boiler)}
 * or {@code (hal.type=w1)}.
 */
public final class HalProperties {
    /** The device's identifier, a {@code String} unique among the devices of one kind; also {@code id()}. */
    public static final String ID = "hal.id";
    /**
     * The provider kind, a {@code String}: {@code gpio}, {@code w1}, {@code iio}, {@code hwmon}, {@code thermal} or
     * {@code simulated}.
     */
    public static final String TYPE = "hal.type";
    /** For sensors: the quantities it measures, a {@code String[]} (see {@link Quantities}). */
    public static final String QUANTITIES = "hal.quantities";

    private HalProperties() {}
}
