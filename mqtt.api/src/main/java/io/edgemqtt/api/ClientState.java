package io.edgemqtt.api;

/** The life cycle of a {@link MqttClient}. */
public enum ClientState {
    /** Created; {@link MqttClient#connect()} not called yet. Publishes are buffered. */
    NEW,
    /** Opening the network connection, the TLS handshake or waiting for CONNACK. */
    CONNECTING,
    /** Connected: the broker accepted the CONNECT. */
    CONNECTED,
    /** Not connected; if the reconnect policy allows it, waiting for the next attempt. Publishes are buffered. */
    DISCONNECTED,
    /** Closed by {@link MqttClient#close()}: every resource released; every operation fails. */
    CLOSED
}
