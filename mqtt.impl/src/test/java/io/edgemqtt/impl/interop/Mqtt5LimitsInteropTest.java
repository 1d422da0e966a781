package io.edgemqtt.impl.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.engine.Await;
import io.edgemqtt.impl.engine.Inbox;
import io.edgemqtt.impl.engine.Mqtt5LimitsContract;
import io.edgemqtt.impl.engine.TestClients;
import io.edgemqtt.impl.testing.MosquittoBroker;
import io.edgemqtt.impl.testing.MosquittoConfig;
import io.edgemqtt.impl.testing.MosquittoExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Mqtt5LimitsContract} against Mosquitto configured with the limits. Its {@code max_inflight_messages} is also
 * the receive maximum it announces to MQTT 5 clients; its lowest allowed {@code max_keepalive} is 10.
 */
class Mqtt5LimitsInteropTest extends Mqtt5LimitsContract {
    private static final int SERVER_KEEP_ALIVE = 10;

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension(MosquittoConfig.builder().extraConfig(
            "max_inflight_messages " + RECEIVE_MAXIMUM + "\n"
                    + "max_keepalive " + SERVER_KEEP_ALIVE + "\n"
                    + "max_packet_size " + MAXIMUM_PACKET_SIZE + "\n"
                    + "max_topic_alias " + TOPIC_ALIASES).build());

    @Override
    protected String uri() {
        return MOSQUITTO.uri();
    }

    @Override
    protected int serverKeepAlive() {
        return SERVER_KEEP_ALIVE;
    }

    /** A receive maximum of 1: strictly one publish at a time, in order, without stalling. */
    @Test
    void aBrokerReceiveMaximumOfOneSendsOnePublishAtATime() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoConfig.builder()
                .extraConfig("max_inflight_messages 1").build()); TestClients clients = new TestClients()) {
            String topic = TestClients.uniqueId("limits/one");
            Inbox inbox = new Inbox();
            MqttClient subscriber = clients.connected(broker.uri(), MqttVersion.V5);
            Await.await(subscriber.subscribe(Subscription.of(topic, Qos.EXACTLY_ONCE), inbox));
            MqttClient publisher = clients.connected(broker.uri(), MqttVersion.V5);
            assertEquals(1, publisher.connection().orElseThrow().receiveMaximum());
            List<CompletionStage<PublishResult>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(publisher.publish(MqttMessage.of(topic, Integer.toString(i), Qos.values()[1 + i % 2])));
            }
            for (CompletionStage<PublishResult> result : results) {
                Await.await(result);
            }
            // One in flight at a time: the broker gets them, and passes them on, in the order published.
            for (int i = 0; i < 100; i++) {
                assertEquals(Integer.toString(i), inbox.take().payloadAsString());
            }
        }
    }
}
