package io.edgemqtt.api;

import java.net.URI;
import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a client connects, loses its connection, and schedules a reconnect (the NetX "disconnect notify", and
 * more). Called on a client callback thread, never on the I/O thread, one call at a time per client, in order.
 * Implementations should return quickly.
 */
@ConsumerType
public interface ConnectionListener {
    /**
     * A connection was accepted by the broker.
     *
     * @param result what the broker said
     */
    default void connected(ConnectResult result) {}

    /**
     * A connection ended, or an attempt failed.
     *
     * @param event who ended it and why, and whether a reconnect follows
     */
    default void disconnected(DisconnectEvent event) {}

    /**
     * A reconnect attempt is scheduled.
     *
     * @param attempt the attempt number since the last good connection, from 1
     * @param delay how long until the attempt
     * @param serverUri the server that will be tried
     */
    default void reconnecting(int attempt, Duration delay, URI serverUri) {}
}
