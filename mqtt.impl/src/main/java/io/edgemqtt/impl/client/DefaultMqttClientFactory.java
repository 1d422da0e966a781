package io.edgemqtt.impl.client;

import io.edgemqtt.api.ConnectOptions;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttClientBuilder;
import io.edgemqtt.api.MqttClientFactory;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.spi.EnhancedAuthenticator;
import io.edgemqtt.api.spi.SessionStore;
import io.edgemqtt.api.spi.TransportSecurity;
import io.edgemqtt.impl.session.GuardedStore;
import io.edgemqtt.impl.store.FileSessionStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The engine's {@link MqttClientFactory}: found by {@code ServiceLoader} outside OSGi, registered as a service inside.
 */
public final class DefaultMqttClientFactory implements MqttClientFactory {
    @Override
    public MqttClientBuilder newClient(String name, ConnectOptions options) {
        return new Builder(Objects.requireNonNull(name, "name"), Objects.requireNonNull(options, "options"));
    }

    private static final class Builder implements MqttClientBuilder {
        private final String name;
        private final ConnectOptions options;
        private TransportSecurity security;
        private SessionStore store;
        private Path persistenceDirectory;
        private EnhancedAuthenticator authenticator;

        Builder(String name, ConnectOptions options) {
            this.name = name;
            this.options = options;
        }

        @Override
        public MqttClientBuilder transportSecurity(TransportSecurity transportSecurity) {
            this.security = transportSecurity;
            return this;
        }

        @Override
        public MqttClientBuilder sessionStore(SessionStore sessionStore) {
            this.store = sessionStore;
            this.persistenceDirectory = null;
            return this;
        }

        @Override
        public MqttClientBuilder persistenceDirectory(Path directory) {
            this.persistenceDirectory = directory;
            this.store = null;
            return this;
        }

        @Override
        public MqttClientBuilder authenticator(EnhancedAuthenticator enhancedAuthenticator) {
            this.authenticator = enhancedAuthenticator;
            return this;
        }

        @Override
        public MqttClient build() {
            for (URI uri : options.serverUris()) {
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("ssl") || scheme.equals("mqtts")) && security == null) {
                    throw new IllegalArgumentException("server URI " + uri
                            + " needs TLS: give the client a transport security (TLS profile)");
                }
            }
            SessionStore sessionStore = store;
            if (persistenceDirectory != null) {
                if (options.clientId().isEmpty()) {
                    throw new IllegalArgumentException(
                            "a persistent session store needs a fixed client id (the broker-assigned one changes)");
                }
                try {
                    sessionStore = FileSessionStore.open(persistenceDirectory, options.clientId());
                } catch (IOException e) {
                    throw new MqttException(ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, "cannot open the session store of"
                            + " client '" + options.clientId() + "' in " + persistenceDirectory + ": "
                            + e.getMessage(), e);
                }
            }
            return new DefaultMqttClient(name, options, security, authenticator, new GuardedStore(sessionStore, name));
        }
    }
}
