package io.edgemqtt.hal.gpio.internal.sim;

import io.edgemqtt.hal.gpio.api.DigitalOutput;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** A digital output that only remembers its level (and logs changes), for runs without hardware. */
final class SimulatedOutput implements DigitalOutput {
    private static final Logger LOG = System.getLogger(SimulatedOutput.class.getName());

    private final String id;
    private volatile boolean level;

    SimulatedOutput(String id, boolean initial) {
        this.id = id;
        this.level = initial;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void write(boolean active) {
        boolean before = level;
        level = active;
        if (before != active) {
            LOG.log(Level.INFO, "simulated output {0} is now {1}", id, active ? "on" : "off");
        }
    }

    @Override
    public boolean read() {
        return level;
    }

    @Override
    public String toString() {
        return "simulated output " + id;
    }
}
