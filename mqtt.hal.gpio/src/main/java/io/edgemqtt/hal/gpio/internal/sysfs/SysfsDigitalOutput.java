package io.edgemqtt.hal.gpio.internal.sysfs;

import io.edgemqtt.hal.gpio.api.DigitalOutput;
import java.io.IOException;

/** A sysfs GPIO output; the line was exported and set up by its component. */
final class SysfsDigitalOutput implements DigitalOutput {
    private final String id;
    private final SysfsGpioLine line;

    SysfsDigitalOutput(String id, SysfsGpioLine line) {
        this.id = id;
        this.line = line;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void write(boolean active) throws IOException {
        line.value(active);
    }

    @Override
    public boolean read() throws IOException {
        return line.value();
    }

    @Override
    public String toString() {
        return "output " + id + " (" + line + ")";
    }
}
