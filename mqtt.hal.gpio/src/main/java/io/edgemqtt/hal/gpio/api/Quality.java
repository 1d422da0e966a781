package io.edgemqtt.hal.gpio.api;

/** How far a {@link Reading} can be trusted. */
public enum Quality {
    /** The device answered and the value passed every check. */
    GOOD,
    /**
     * The device answered with a value that is plausible but known to be often wrong (for example a DS18B20's
     * power-on value of 85 °C); the reading's reason says why.
     */
    SUSPECT,
    /** No usable value: the device failed, was absent or answered with garbage; the reading's reason says why. */
    BAD
}
