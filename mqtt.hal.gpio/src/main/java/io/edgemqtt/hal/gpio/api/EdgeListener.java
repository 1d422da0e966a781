package io.edgemqtt.hal.gpio.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of the edges of a {@link DigitalInput}. Called on the hardware layer's own thread, one event at a time and in
 * order; it must return quickly (hand long work to another thread). An exception thrown here is logged and does not
 * stop later events.
 */
@ConsumerType
@FunctionalInterface
public interface EdgeListener {
    /** @param event the edge, already debounced and never a repeat of the previous one */
    void onEdge(EdgeEvent event);
}
