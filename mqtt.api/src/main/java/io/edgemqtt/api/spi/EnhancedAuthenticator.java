package io.edgemqtt.api.spi;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * MQTT 5 enhanced authentication (section 4.12): a challenge/response exchange of AUTH packets between CONNECT and
 * CONNACK. Called on the engine's connection thread for the duration of one handshake; must not block for long.
 */
@ConsumerType
public interface EnhancedAuthenticator {
    /** @return the authentication method sent in CONNECT, for example {@code SCRAM-SHA-256} */
    String method();

    /** @return the authentication data sent in CONNECT, if the method starts with some */
    default Optional<byte[]> initialData() {
        return Optional.empty();
    }

    /**
     * The broker sent AUTH with reason "continue authentication".
     *
     * @param serverData the broker's authentication data (empty if none)
     * @return the data for the client's AUTH answer
     * @throws io.edgemqtt.api.MqttException to abort the handshake (the connection is closed with its reason)
     */
    byte[] challenge(byte[] serverData);

    /**
     * The broker accepted the connection; its CONNACK may carry final data to check.
     *
     * @param serverData the broker's final authentication data (empty if none)
     * @throws io.edgemqtt.api.MqttException if the data does not prove the server (the connection is closed)
     */
    default void succeeded(byte[] serverData) {}
}
