package io.edgemqtt.hal.gpio.api;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A digital output line, registered as an OSGi service with the {@link HalProperties}. Levels are logical: an output
 * configured active-low drives the wire low when written {@code true}.
 */
@ProviderType
public interface DigitalOutput {
    /** @return the output's identifier, the value of its {@value HalProperties#ID} service property */
    String id();

    /**
     * Drives the output.
     *
     * @param active the logical level
     * @throws IOException if the line cannot be written
     */
    void write(boolean active) throws IOException;

    /**
     * Reads the level back from the device.
     *
     * @return true if active
     * @throws IOException if the line cannot be read
     */
    boolean read() throws IOException;
}
