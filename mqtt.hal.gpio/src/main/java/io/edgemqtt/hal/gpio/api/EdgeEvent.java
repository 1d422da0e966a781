package io.edgemqtt.hal.gpio.api;

import java.time.Instant;
import java.util.Objects;

/** A debounced level change of a {@link DigitalInput}. Immutable. */
public final class EdgeEvent {
    private final String inputId;
    private final Edge edge;
    private final Instant timestamp;

    /**
     * @param inputId the input's identifier
     * @param edge the change
     * @param timestamp when the new level was confirmed (after debouncing)
     */
    public EdgeEvent(String inputId, Edge edge, Instant timestamp) {
        this.inputId = Objects.requireNonNull(inputId, "inputId");
        this.edge = Objects.requireNonNull(edge, "edge");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    }

    /** @return the identifier of the input that changed (its {@value HalProperties#ID} property) */
    public String inputId() {
        return inputId;
    }

    /** @return the change */
    public Edge edge() {
        return edge;
    }

    /** @return the new logical level: true after a {@link Edge#RISING} edge */
    public boolean active() {
        return edge == Edge.RISING;
    }

    /** @return when the new level was confirmed */
    public Instant timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof EdgeEvent)) {
            return false;
        }
        EdgeEvent that = (EdgeEvent) other;
        return inputId.equals(that.inputId) && edge == that.edge && timestamp.equals(that.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputId, edge, timestamp);
    }

    @Override
    public String toString() {
        return "EdgeEvent[" + inputId + " " + edge + " at " + timestamp + "]";
    }
}
