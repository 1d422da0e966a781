package io.edgemqtt.impl.session;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.PublishResult;
import java.util.concurrent.CompletableFuture;

/**
 * One accepted publish on its way out: waiting, in flight, or (QoS 2) released. Owned by the loop thread once handed
 * in.
 */
public final class OutboundEntry {
    final long sequence;
    /**
     * When the publish was accepted (System.nanoTime): the start of its message expiry countdown. For a publish
     * restored from a session store, when it was restored (the store keeps no clock, so time while the process was
     * down is not counted).
     */
    final long acceptedNanos = System.nanoTime();
    final MqttMessage message;
    /** Null for publishes restored from a session store: their caller is gone. */
    final CompletableFuture<PublishResult> future;
    int packetId;
    boolean released;
    boolean sent;

    /**
     * @param sequence acceptance order (0 when not persisted)
     * @param message the message
     * @param future completed when done, or null
     */
    public OutboundEntry(long sequence, MqttMessage message, CompletableFuture<PublishResult> future) {
        this.sequence = sequence;
        this.message = message;
        this.future = future;
    }

    /** @return the message */
    public MqttMessage message() {
        return message;
    }

    /** @return the caller's future, or null */
    public CompletableFuture<PublishResult> future() {
        return future;
    }

    /** @return acceptance order */
    public long sequence() {
        return sequence;
    }
}
