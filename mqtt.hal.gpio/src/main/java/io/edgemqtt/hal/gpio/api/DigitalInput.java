package io.edgemqtt.hal.gpio.api;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A digital input line, registered as an OSGi service with the {@link HalProperties}. Levels are logical: an input
 * configured active-low reads {@code true} when the wire is low.
 */
@ProviderType
public interface DigitalInput {
    /** @return the input's identifier, the value of its {@value HalProperties#ID} service property */
    String id();

    /**
     * Reads the current level now (not debounced).
     *
     * @return true if active
     * @throws IOException if the line cannot be read (the device disappeared, for example)
     */
    boolean read() throws IOException;

    /**
     * Adds a listener for the debounced edges this input is configured to report. Adding the same listener twice
     * has no further effect.
     *
     * @param listener the listener
     */
    void addEdgeListener(EdgeListener listener);

    /** @param listener a listener added before; nothing happens if it was not */
    void removeEdgeListener(EdgeListener listener);
}
