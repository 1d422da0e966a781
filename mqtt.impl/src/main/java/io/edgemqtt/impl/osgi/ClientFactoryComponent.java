package io.edgemqtt.impl.osgi;

import io.edgemqtt.api.ConnectOptions;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttClientBuilder;
import io.edgemqtt.api.MqttClientFactory;
import io.edgemqtt.api.spi.EnhancedAuthenticator;
import io.edgemqtt.api.spi.SessionStore;
import io.edgemqtt.api.spi.TransportSecurity;
import io.edgemqtt.impl.client.DefaultMqttClientFactory;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * {@link MqttClientFactory} as a service, for OSGi code that builds clients programmatically. One instance per using
 * bundle: the clients a bundle built are closed when it releases the service (it stopped), so no engine thread
 * outlives its user.
 */
@Component(service = MqttClientFactory.class, scope = ServiceScope.BUNDLE)
public final class ClientFactoryComponent implements MqttClientFactory {
    private final DefaultMqttClientFactory factory = new DefaultMqttClientFactory();
    private final Set<MqttClient> built = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    @Override
    public MqttClientBuilder newClient(String name, ConnectOptions options) {
        MqttClientBuilder delegate = factory.newClient(name, options);
        return new MqttClientBuilder() {
            @Override
            public MqttClientBuilder transportSecurity(TransportSecurity security) {
                delegate.transportSecurity(security);
                return this;
            }

            @Override
            public MqttClientBuilder sessionStore(SessionStore store) {
                delegate.sessionStore(store);
                return this;
            }

            @Override
            public MqttClientBuilder persistenceDirectory(Path directory) {
                delegate.persistenceDirectory(directory);
                return this;
            }

            @Override
            public MqttClientBuilder authenticator(EnhancedAuthenticator authenticator) {
                delegate.authenticator(authenticator);
                return this;
            }

            @Override
            public MqttClient build() {
                MqttClient client = delegate.build();
                built.add(client);
                return client;
            }
        };
    }

    /** Closes the clients the using bundle left open. */
    @Deactivate
    void deactivate() {
        List<MqttClient> open;
        synchronized (built) {
            open = List.copyOf(built);
            built.clear();
        }
        open.forEach(MqttClient::close);
    }
}
