package io.edgemqtt.benchmark;

import io.edgemqtt.api.ConnectOptions;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttClientFactory;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.OverflowPolicy;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReconnectPolicy;
import io.edgemqtt.api.Subscription;
import java.time.Duration;

/** This project's client through its public API, as an application outside OSGi would use it. */
final class EdgeDriver implements Driver {
    private final MqttClientFactory factory = MqttClientFactory.load();
    private final int port;
    private final int window;

    EdgeDriver(int port, int window) {
        this.port = port;
        this.window = window;
    }

    @Override
    public Connection connect(String clientId, Receiver receiver) throws Exception {
        ConnectOptions options = ConnectOptions.builder()
                .serverUri("tcp://127.0.0.1:" + port)
                .clientId(clientId)
                .inflightWindow(window)
                // a subscriber that falls behind stops reading (as Paho and HiveMQ do) instead of dropping;
                // -Dbench.edge.receiveCapacity=1000 makes the back-pressure stall of BENCHMARKS.md easy to reproduce
                .receiveQueue(Integer.getInteger("bench.edge.receiveCapacity", 10_000), OverflowPolicy.BACK_PRESSURE)
                .reconnectPolicy(ReconnectPolicy.DISABLED)
                .build();
        MqttClient client = factory.newClient(clientId, options).build();
        client.connectAndWait(Duration.ofSeconds(10));
        return new Connection() {
            @Override
            public void subscribe(String filter, int qos) throws Exception {
                client.subscribe(Subscription.of(filter, Qos.of(qos)), message -> receiver.received(message.payload()))
                        .toCompletableFuture()
                        .get();
            }

            @Override
            public void publish(String topic, byte[] payload, int qos, Completion done) {
                MqttMessage message = MqttMessage.builder(topic).payload(payload).qos(Qos.of(qos)).build();
                client.publish(message).whenComplete((result, failure) -> done.completed(failure));
            }

            @Override
            public String diagnostics() {
                io.edgemqtt.api.ClientStatistics stats = client.statistics();
                return "published=" + stats.published() + ",received=" + stats.received() + ",dropped="
                        + stats.droppedMessages() + ",bytesSent=" + stats.bytesSent() + ",bytesReceived="
                        + stats.bytesReceived();
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
