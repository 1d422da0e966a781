package io.edgemqtt.api;

/**
 * What a bounded queue does when it is full: the receive queue (messages waiting for {@link MqttClient#poll()}) and
 * the offline buffer (publishes accepted while not connected).
 */
public enum OverflowPolicy {
    /**
     * Make room by discarding the oldest entry, like a broker's per-subscription buffer. A discarded publish completes
     * exceptionally with {@link ReasonCode#QUOTA_EXCEEDED}; a discarded received message is counted in {@link
     * ClientStatistics#droppedMessages()}.
     */
    DROP_OLDEST,
    /**
     * Refuse the new entry: a refused publish completes exceptionally with {@link ReasonCode#QUOTA_EXCEEDED}; a refused
     * received message is counted in {@link ClientStatistics#droppedMessages()} (and, at QoS 1 and 2, still
     * acknowledged, so the broker does not resend it forever).
     */
    DROP_NEWEST,
    /**
     * Receive queue only: stop reading from the connection until the application has taken messages, so the broker
     * holds them (within its own limits). Nothing is discarded by the client. Keep-alive is not judged while reading is
     * paused. Not allowed for the offline buffer.
     */
    BACK_PRESSURE
}
