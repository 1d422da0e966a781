package io.edgemqtt.api.spi;

import io.edgemqtt.api.MqttMessage;
import java.util.Objects;

/**
 * An outgoing QoS 1 or 2 publish as kept in a {@link SessionStore}: from the moment the client accepts it until the
 * broker has acknowledged it. Immutable.
 */
public final class PersistedPublish {
    private final long sequence;
    private final int packetId;
    private final boolean released;
    private final MqttMessage message;

    private PersistedPublish(long sequence, int packetId, boolean released, MqttMessage message) {
        this.sequence = sequence;
        this.packetId = packetId;
        this.released = released;
        this.message = Objects.requireNonNull(message, "message");
    }

    /**
     * @param sequence the order in which the client accepted the publish; unique per store, growing
     * @param packetId the packet identifier it was sent with, or 0 if not sent yet
     * @param released true once PUBREC came for a QoS 2 publish (only PUBREL is resent then)
     * @param message the message
     * @return the record
     */
    public static PersistedPublish of(long sequence, int packetId, boolean released, MqttMessage message) {
        if (packetId < 0 || packetId > 65_535) {
            throw new IllegalArgumentException("packet id must be 0..65535, was " + packetId);
        }
        return new PersistedPublish(sequence, packetId, released, message);
    }

    /** @return the acceptance order */
    public long sequence() {
        return sequence;
    }

    /** @return the packet identifier, or 0 if not sent yet */
    public int packetId() {
        return packetId;
    }

    /** @return true if PUBREC was received (QoS 2): PUBREL is what gets resent */
    public boolean isReleased() {
        return released;
    }

    /** @return the message */
    public MqttMessage message() {
        return message;
    }

    /**
     * @param packetId the packet identifier assigned
     * @return a copy marked as sent with {@code packetId}
     */
    public PersistedPublish withPacketId(int packetId) {
        return of(sequence, packetId, released, message);
    }

    /** @return a copy marked as released (PUBREC received) */
    public PersistedPublish asReleased() {
        return new PersistedPublish(sequence, packetId, true, message);
    }

    @Override
    public String toString() {
        return "PersistedPublish[#" + sequence + ", id=" + packetId + (released ? ", released" : "") + ", " + message
                + "]";
    }
}
