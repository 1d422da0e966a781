package io.edgemqtt.impl.client;

import io.edgemqtt.api.ClientState;
import io.edgemqtt.api.ClientStatistics;
import java.time.Instant;

/** A client's counters. Written on the loop thread only; read through {@link #snapshot}, on the loop thread. */
final class Stats {
    long published;
    long received;
    long dropped;
    long reconnects;
    long bytesSentClosed;
    long bytesReceivedClosed;
    Instant connectedSince;
    String serverUri;
    boolean sessionPresent;
    String lastError;

    Snapshot snapshot(ClientState state, int inFlight, int waiting, long linkSent, long linkReceived) {
        return new Snapshot(ClientStatistics.builder(state)
                .serverUri(serverUri)
                .sessionPresent(sessionPresent)
                .published(published)
                .received(received)
                .inFlight(inFlight)
                .buffered(waiting)
                .reconnects(reconnects)
                .bytesSent(bytesSentClosed + linkSent)
                .bytesReceived(bytesReceivedClosed + linkReceived)
                .connectedSince(connectedSince)
                .lastError(lastError), dropped);
    }

    /** The loop's part of the statistics; the receive side is added by the client. */
    static final class Snapshot {
        final ClientStatistics.Builder builder;
        final long dropped;

        Snapshot(ClientStatistics.Builder builder, long dropped) {
            this.builder = builder;
            this.dropped = dropped;
        }
    }
}
