package io.edgemqtt.impl.delivery;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.OverflowPolicy;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The bounded queue behind {@code MqttClient.poll()}: filled by the loop thread, emptied by application threads.
 */
public final class ReceiveQueue {
    private final ArrayDeque<MqttMessage> messages = new ArrayDeque<>();
    private final int capacity;
    private final OverflowPolicy policy;

    /**
     * @param capacity most messages held
     * @param policy what to do when full
     */
    public ReceiveQueue(int capacity, OverflowPolicy policy) {
        this.capacity = capacity;
        this.policy = policy;
    }

    /**
     * @param message a received message
     * @return true if a message was dropped to respect the capacity (this one or the oldest)
     */
    public synchronized boolean offer(MqttMessage message) {
        if (messages.size() >= capacity) {
            switch (policy) {
                case DROP_OLDEST:
                    messages.poll();
                    messages.add(message);
                    return true;
                case DROP_NEWEST:
                    return true;
                default:
                    // BACK_PRESSURE: reading is paused by the caller; what was already read is still kept.
                    break;
            }
        }
        messages.add(message);
        return false;
    }

    /** @return the oldest message, if any */
    public synchronized Optional<MqttMessage> poll() {
        return Optional.ofNullable(messages.poll());
    }

    /** @return messages held */
    public synchronized int size() {
        return messages.size();
    }

    /** @return true if at or above capacity */
    public synchronized boolean isFull() {
        return messages.size() >= capacity;
    }

    /** @return the capacity */
    public int capacity() {
        return capacity;
    }

    /** Drops everything (the client is closed). */
    public synchronized void clear() {
        messages.clear();
    }
}
