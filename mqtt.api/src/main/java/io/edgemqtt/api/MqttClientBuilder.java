package io.edgemqtt.api;

import io.edgemqtt.api.spi.EnhancedAuthenticator;
import io.edgemqtt.api.spi.SessionStore;
import io.edgemqtt.api.spi.TransportSecurity;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** The optional parts of a new client; from {@link MqttClientFactory#newClient(String, ConnectOptions)}. */
@ProviderType
public interface MqttClientBuilder {
    /**
     * Needed for {@code ssl://} and {@code mqtts://} server URIs.
     *
     * @param security the TLS profile
     * @return this builder
     */
    MqttClientBuilder transportSecurity(TransportSecurity security);

    /**
     * Keeps the session state (unacknowledged publishes both ways, the offline buffer) in {@code store}. Without a
     * store the state is kept in memory and lost with the process.
     *
     * @param store the store for this client's session
     * @return this builder
     */
    MqttClientBuilder sessionStore(SessionStore store);

    /**
     * Keeps the session state in the engine's file store under {@code directory} (one sub-folder per client id), so
     * that nothing accepted at QoS 1 or 2 is lost when the process is killed. Replaces {@link
     * #sessionStore(SessionStore)}.
     *
     * @param directory the folder; created if missing
     * @return this builder
     */
    MqttClientBuilder persistenceDirectory(Path directory);

    /**
     * MQTT 5 enhanced authentication (AUTH packets).
     *
     * @param authenticator the authentication method
     * @return this builder
     */
    MqttClientBuilder authenticator(EnhancedAuthenticator authenticator);

    /**
     * @return the client, {@link ClientState#NEW}; call {@link MqttClient#connect()} to start it
     * @throws MqttException if the session store cannot be opened
     * @throws IllegalArgumentException if a TLS server URI has no transport security
     */
    MqttClient build();
}
