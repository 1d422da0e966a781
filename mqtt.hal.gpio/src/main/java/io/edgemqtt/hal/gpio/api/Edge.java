package io.edgemqtt.hal.gpio.api;

/** A change of a digital input's logical level. */
public enum Edge {
    /** From inactive (0) to active (1). */
    RISING,
    /** From active (1) to inactive (0). */
    FALLING;

    /**
     * @param active the new logical level
     * @return the edge that leads to it
     */
    public static Edge to(boolean active) {
        return active ? RISING : FALLING;
    }
}
