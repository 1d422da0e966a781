package io.edgemqtt.api;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** Why a connection ended, as told to {@link ConnectionListener#disconnected(DisconnectEvent)}. Immutable. */
public final class DisconnectEvent {
    /** Who ended the connection. */
    public enum Initiator {
        /** The application, through {@link MqttClient#disconnect()} or {@link MqttClient#close()}. */
        CLIENT,
        /** The broker, with a DISCONNECT packet (MQTT 5) or a refused CONNECT. */
        SERVER,
        /** Nobody on purpose: the network, a keep-alive timeout, a protocol error or a failed attempt. */
        CONNECTION
    }

    private final URI serverUri;
    private final Initiator initiator;
    private final MqttException cause;
    private final boolean willReconnect;

    private DisconnectEvent(URI serverUri, Initiator initiator, MqttException cause, boolean willReconnect) {
        this.serverUri = serverUri;
        this.initiator = Objects.requireNonNull(initiator, "initiator");
        this.cause = cause;
        this.willReconnect = willReconnect;
    }

    /**
     * For the client implementation.
     *
     * @param serverUri the server of the connection that ended, or null if none was reached
     * @param initiator who ended it
     * @param cause why, or null for a normal disconnect by the application
     * @param willReconnect whether the reconnect policy will try again
     * @return the event
     */
    public static DisconnectEvent of(URI serverUri, Initiator initiator, MqttException cause, boolean willReconnect) {
        return new DisconnectEvent(serverUri, initiator, cause, willReconnect);
    }

    /** @return the server of the connection that ended, if one was reached */
    public Optional<URI> serverUri() {
        return Optional.ofNullable(serverUri);
    }

    /** @return who ended the connection */
    public Initiator initiator() {
        return initiator;
    }

    /**
     * @return why: the reason code, the broker's reason string and user properties (MQTT 5 DISCONNECT), or the local
     *     failure with its cause; empty for a normal disconnect by the application
     */
    public Optional<MqttException> cause() {
        return Optional.ofNullable(cause);
    }

    /** @return whether the client will try to reconnect */
    public boolean willReconnect() {
        return willReconnect;
    }

    @Override
    public String toString() {
        return "DisconnectEvent[" + initiator + (serverUri == null ? "" : " " + serverUri)
                + (cause == null ? "" : ": " + cause.getMessage()) + (willReconnect ? ", reconnecting" : "") + "]";
    }
}
