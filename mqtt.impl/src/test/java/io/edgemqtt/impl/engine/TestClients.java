package io.edgemqtt.impl.engine;

import io.edgemqtt.api.ConnectOptions;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttClientFactory;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReconnectPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Builds clients for tests and closes them afterwards. */
public final class TestClients implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(20);
    /** Fast reconnects so tests that cut the network do not wait long. */
    public static final ReconnectPolicy FAST_RECONNECT =
            ReconnectPolicy.exponential(Duration.ofMillis(50), Duration.ofMillis(500), 2.0, 0.1);

    private final MqttClientFactory factory = MqttClientFactory.load();
    private final List<MqttClient> clients = new ArrayList<>();

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public MqttClient create(String uri, MqttVersion version, UnaryOperator<ConnectOptions.Builder> options) {
        ConnectOptions built = options.apply(ConnectOptions.builder()
                        .serverUri(uri)
                        .protocolVersion(version)
                        .clientId(uniqueId("c"))
                        .reconnectPolicy(FAST_RECONNECT))
                .build();
        MqttClient client = factory.newClient(built.clientId(), built).build();
        clients.add(client);
        return client;
    }

    public MqttClient connected(String uri, MqttVersion version, UnaryOperator<ConnectOptions.Builder> options)
            throws InterruptedException {
        MqttClient client = create(uri, version, options);
        client.connectAndWait(WAIT);
        return client;
    }

    public MqttClient connected(String uri, MqttVersion version) throws InterruptedException {
        return connected(uri, version, UnaryOperator.identity());
    }

    @Override
    public void close() {
        clients.forEach(MqttClient::close);
        clients.clear();
    }
}
