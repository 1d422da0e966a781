package io.edgemqtt.impl.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.engine.Await;
import io.edgemqtt.impl.engine.TestClients;
import io.edgemqtt.impl.testing.MosquittoConfig;
import io.edgemqtt.impl.testing.MosquittoExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A broker restart (with persistence) in the middle of a stream loses nothing at QoS 1 and 2: the publisher buffers and
 * resends, the subscriber's persistent session is resumed; QoS 2 stays exactly once.
 */
class BrokerRestartInteropTest {
    @RegisterExtension
    static final MosquittoExtension MOSQUITTO =
            new MosquittoExtension(MosquittoConfig.builder().persistence().build());

    private final TestClients clients = new TestClients();

    @AfterEach
    void close() {
        clients.close();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void nothingIsLostAcrossABrokerRestart(MqttVersion version) throws Exception {
        String topic = TestClients.uniqueId("restart");
        Map<String, Integer> copies = new HashMap<>();
        Object lock = new Object();
        MqttClient subscriber = clients.connected(MOSQUITTO.uri(), version,
                o -> o.clientId(TestClients.uniqueId("sub")).cleanStart(false).sessionExpiryInterval(600));
        Await.await(subscriber.subscribe(Subscription.of(topic + "/#", Qos.EXACTLY_ONCE), message -> {
            synchronized (lock) {
                copies.merge(message.payloadAsString(), 1, Integer::sum);
                lock.notifyAll();
            }
        }));
        MqttClient publisher = clients.connected(MOSQUITTO.uri(), version,
                o -> o.clientId(TestClients.uniqueId("pub")).cleanStart(false).sessionExpiryInterval(600));

        List<CompletableFuture<PublishResult>> acks = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i == 150) {
                MOSQUITTO.broker().stop(); // SIGTERM: mosquitto saves its state
                MOSQUITTO.broker().start();
            }
            Qos qos = i % 2 == 0 ? Qos.AT_LEAST_ONCE : Qos.EXACTLY_ONCE;
            String payload = qos.value() + ":" + i;
            sent.add(payload);
            acks.add(publisher.publish(MqttMessage.of(topic + "/" + qos.value(), payload, qos)).toCompletableFuture());
        }
        for (CompletableFuture<PublishResult> ack : acks) {
            Await.await(ack);
        }
        long deadline = System.nanoTime() + TestClients.WAIT.toNanos();
        synchronized (lock) {
            while (!copies.keySet().containsAll(sent) && System.nanoTime() < deadline) {
                lock.wait(1_000);
            }
            List<String> missing = new ArrayList<>(sent);
            missing.removeAll(copies.keySet());
            assertEquals(List.of(), missing, "every acknowledged publish arrived");
            for (Map.Entry<String, Integer> entry : copies.entrySet()) {
                if (entry.getKey().startsWith("2:")) {
                    assertEquals(1, entry.getValue(), "QoS 2 " + entry.getKey() + " arrived exactly once");
                }
            }
        }
    }
}
