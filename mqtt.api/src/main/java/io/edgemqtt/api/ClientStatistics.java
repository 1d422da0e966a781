package io.edgemqtt.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of a client's counters, taken by {@link MqttClient#statistics()}. Counters start at 0 when the client is
 * created and only grow; gauges ({@link #inFlight()}, {@link #buffered()}, {@link #receiveQueueDepth()}) are the value
 * at the time of the snapshot. Immutable.
 */
public final class ClientStatistics {
    private final ClientState state;
    private final String serverUri;
    private final boolean sessionPresent;
    private final long published;
    private final long received;
    private final int inFlight;
    private final int buffered;
    private final int receiveQueueDepth;
    private final long droppedMessages;
    private final long reconnects;
    private final long bytesSent;
    private final long bytesReceived;
    private final Instant connectedSince;
    private final String lastError;

    private ClientStatistics(Builder b) {
        this.state = b.state;
        this.serverUri = b.serverUri;
        this.sessionPresent = b.sessionPresent;
        this.published = b.published;
        this.received = b.received;
        this.inFlight = b.inFlight;
        this.buffered = b.buffered;
        this.receiveQueueDepth = b.receiveQueueDepth;
        this.droppedMessages = b.droppedMessages;
        this.reconnects = b.reconnects;
        this.bytesSent = b.bytesSent;
        this.bytesReceived = b.bytesReceived;
        this.connectedSince = b.connectedSince;
        this.lastError = b.lastError;
    }

    /**
     * For the client implementation.
     *
     * @param state the state at the time of the snapshot
     * @return a builder with every counter 0
     */
    public static Builder builder(ClientState state) {
        Builder b = new Builder();
        b.state = state;
        return b;
    }

    /** @return the client state */
    public ClientState state() {
        return state;
    }

    /** @return the server of the current (or last) connection, if there was one */
    public Optional<String> serverUri() {
        return Optional.ofNullable(serverUri);
    }

    /** @return whether the current connection resumed a session */
    public boolean isSessionPresent() {
        return sessionPresent;
    }

    /** @return publishes completed: written at QoS 0, acknowledged at QoS 1 and 2 */
    public long published() {
        return published;
    }

    /** @return messages received from the broker (each QoS 2 message once) */
    public long received() {
        return received;
    }

    /** @return QoS 1 and 2 publishes sent and not yet acknowledged */
    public int inFlight() {
        return inFlight;
    }

    /** @return publishes accepted and waiting to be sent (offline buffer or beyond the in-flight window) */
    public int buffered() {
        return buffered;
    }

    /** @return messages waiting in the receive queue for {@link MqttClient#poll()} */
    public int receiveQueueDepth() {
        return receiveQueueDepth;
    }

    /** @return messages discarded by an overflow policy, in either direction */
    public long droppedMessages() {
        return droppedMessages;
    }

    /** @return connections made after the first one */
    public long reconnects() {
        return reconnects;
    }

    /** @return bytes written to connections */
    public long bytesSent() {
        return bytesSent;
    }

    /** @return bytes read from connections */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** @return when the current connection was accepted, if connected */
    public Optional<Instant> connectedSince() {
        return Optional.ofNullable(connectedSince);
    }

    /** @return the last failure in words (connection lost, refused, protocol error), if any */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public String toString() {
        return "ClientStatistics[" + state + (serverUri == null ? "" : " " + serverUri) + ", published=" + published
                + ", received=" + received + ", inFlight=" + inFlight + ", buffered=" + buffered + ", queued="
                + receiveQueueDepth + ", dropped=" + droppedMessages + ", reconnects=" + reconnects
                + (lastError == null ? "" : ", lastError=" + lastError) + "]";
    }

    /** Builds a {@link ClientStatistics}; used by the client implementation. */
    public static final class Builder {
        private ClientState state;
        private String serverUri;
        private boolean sessionPresent;
        private long published;
        private long received;
        private int inFlight;
        private int buffered;
        private int receiveQueueDepth;
        private long droppedMessages;
        private long reconnects;
        private long bytesSent;
        private long bytesReceived;
        private Instant connectedSince;
        private String lastError;

        private Builder() {}

        /**
         * @param v server URI
         * @return this builder
         */
        public Builder serverUri(String v) { serverUri = v; return this; }
        /**
         * @param v session present
         * @return this builder
         */
        public Builder sessionPresent(boolean v) { sessionPresent = v; return this; }
        /**
         * @param v publishes completed
         * @return this builder
         */
        public Builder published(long v) { published = v; return this; }
        /**
         * @param v messages received
         * @return this builder
         */
        public Builder received(long v) { received = v; return this; }
        /**
         * @param v in flight
         * @return this builder
         */
        public Builder inFlight(int v) { inFlight = v; return this; }
        /**
         * @param v buffered
         * @return this builder
         */
        public Builder buffered(int v) { buffered = v; return this; }
        /**
         * @param v receive queue depth
         * @return this builder
         */
        public Builder receiveQueueDepth(int v) { receiveQueueDepth = v; return this; }
        /**
         * @param v dropped messages
         * @return this builder
         */
        public Builder droppedMessages(long v) { droppedMessages = v; return this; }
        /**
         * @param v reconnects
         * @return this builder
         */
        public Builder reconnects(long v) { reconnects = v; return this; }
        /**
         * @param v bytes sent
         * @return this builder
         */
        public Builder bytesSent(long v) { bytesSent = v; return this; }
        /**
         * @param v bytes received
         * @return this builder
         */
        public Builder bytesReceived(long v) { bytesReceived = v; return this; }
        /**
         * @param v connected since
         * @return this builder
         */
        public Builder connectedSince(Instant v) { connectedSince = v; return this; }
        /**
         * @param v last error
         * @return this builder
         */
        public Builder lastError(String v) { lastError = v; return this; }

        /** @return the snapshot */
        public ClientStatistics build() {
            return new ClientStatistics(this);
        }
    }
}
