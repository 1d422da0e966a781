package io.edgemqtt.benchmark;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.util.concurrent.TimeUnit;

/**
 * HiveMQ MQTT client 1.4.2, MQTT 3.1.1 asynchronous API. It turns Nagle off itself (its channel initializer sets
 * TCP_NODELAY); the in-flight window is enforced by the scenario, as for every library.
 */
final class HiveMqDriver implements Driver {
    private final int port;

    HiveMqDriver(int port) {
        this.port = port;
    }

    @Override
    public Connection connect(String clientId, Receiver receiver) throws Exception {
        Mqtt3AsyncClient client = MqttClient.builder()
                .useMqttVersion3()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildAsync();
        client.connectWith().cleanSession(true).keepAlive(60).send().get(10, TimeUnit.SECONDS);
        return new Connection() {
            @Override
            public void subscribe(String filter, int qos) throws Exception {
                client.subscribeWith()
                        .topicFilter(filter)
                        .qos(MqttQos.fromCode(qos))
                        .callback(publish -> receiver.received(publish.getPayload().orElseThrow()))
                        .send()
                        .get(10, TimeUnit.SECONDS);
            }

            @Override
            public void publish(String topic, byte[] payload, int qos, Completion done) {
                client.publishWith()
                        .topic(topic)
                        .qos(MqttQos.fromCode(qos))
                        .payload(payload)
                        .send()
                        .whenComplete((result, failure) -> done.completed(failure));
            }

            @Override
            public void close() {
                try {
                    client.disconnect().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // closing anyway
                }
            }
        };
    }
}
