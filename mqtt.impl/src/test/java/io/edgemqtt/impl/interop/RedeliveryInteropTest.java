package io.edgemqtt.impl.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.ConnectResult;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.engine.Await;
import io.edgemqtt.impl.engine.ConnectionEvents;
import io.edgemqtt.impl.engine.Inbox;
import io.edgemqtt.impl.engine.TcpRelay;
import io.edgemqtt.impl.engine.TestClients;
import io.edgemqtt.impl.testing.MosquittoExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Unacknowledged QoS 1 and 2 messages are sent again after a reconnect that resumes the session, in both directions,
 * and QoS 2 stays exactly once.
 */
class RedeliveryInteropTest {
    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    private final TestClients clients = new TestClients();

    @AfterEach
    void close() {
        clients.close();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void outgoingPublishesWithoutAcknowledgementAreResent(MqttVersion version) throws Exception {
        String topic = TestClients.uniqueId("redeliver/out");
        Inbox inbox = new Inbox();
        MqttClient subscriber = clients.connected(MOSQUITTO.uri(), version);
        Await.await(subscriber.subscribe(Subscription.of(topic + "/#", Qos.EXACTLY_ONCE), inbox));
        try (TcpRelay relay = new TcpRelay(MOSQUITTO.broker().host(), MOSQUITTO.port())) {
            ConnectionEvents events = new ConnectionEvents();
            MqttClient publisher = clients.create(relay.uri(), version,
                    o -> o.cleanStart(false).sessionExpiryInterval(600));
            publisher.addConnectionListener(events);
            publisher.connectAndWait(TestClients.WAIT);
            events.nextConnected();
            relay.silence(true); // PUBACK and PUBREC never reach the publisher
            List<CompletableFuture<PublishResult>> acks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Qos qos = i % 2 == 0 ? Qos.AT_LEAST_ONCE : Qos.EXACTLY_ONCE;
                acks.add(publisher.publish(MqttMessage.of(topic + "/" + qos.value(), "r" + i, qos))
                        .toCompletableFuture());
            }
            long deadline = System.nanoTime() + TestClients.WAIT.toNanos();
            while (publisher.statistics().inFlight() < 20 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // no completion exists for "written and unacknowledged"
            }
            relay.silence(false);
            relay.cut();
            assertTrue(events.nextConnected().isSessionPresent());
            for (CompletableFuture<PublishResult> ack : acks) {
                Await.await(ack);
            }
            publisher.publishAndWait(MqttMessage.of(topic + "/2", "end", Qos.EXACTLY_ONCE), TestClients.WAIT);
        }
        List<String> qos2 = new ArrayList<>();
        List<String> qos1 = new ArrayList<>();
        while (true) {
            MqttMessage message = inbox.take();
            if (message.payloadAsString().equals("end")) {
                break;
            }
            (message.topic().endsWith("/2") ? qos2 : qos1).add(message.payloadAsString());
        }
        List<String> expected2 = new ArrayList<>();
        for (int i = 1; i < 20; i += 2) {
            expected2.add("r" + i);
        }
        assertEquals(expected2, qos2, "QoS 2: each once");
        for (int i = 0; i < 20; i += 2) {
            assertTrue(qos1.contains("r" + i), "QoS 1 r" + i + " at least once: " + qos1);
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void incomingQos2RedeliveredByTheBrokerReachesTheApplicationOnce(MqttVersion version) throws Exception {
        String topic = TestClients.uniqueId("redeliver/in");
        Inbox inbox = new Inbox();
        MqttClient publisher = clients.connected(MOSQUITTO.uri(), version);
        try (TcpRelay relay = new TcpRelay(MOSQUITTO.broker().host(), MOSQUITTO.port())) {
            ConnectionEvents events = new ConnectionEvents();
            MqttClient subscriber = clients.create(relay.uri(), version,
                    o -> o.cleanStart(false).sessionExpiryInterval(600));
            subscriber.addConnectionListener(events);
            subscriber.connectAndWait(TestClients.WAIT);
            events.nextConnected();
            Await.await(subscriber.subscribe(Subscription.of(topic, Qos.EXACTLY_ONCE), inbox));
            relay.freezeClientToBroker(true); // our PUBRECs never reach the broker: it must send again
            for (int i = 0; i < 10; i++) {
                publisher.publishAndWait(MqttMessage.of(topic, "x" + i, Qos.EXACTLY_ONCE), TestClients.WAIT);
            }
            for (int i = 0; i < 10; i++) {
                assertEquals("x" + i, inbox.take().payloadAsString());
            }
            relay.freezeClientToBroker(false);
            relay.cut();
            ConnectResult resumed = events.nextConnected();
            assertTrue(resumed.isSessionPresent(), "the broker kept the session and sends the messages again");
            publisher.publishAndWait(MqttMessage.of(topic, "end", Qos.EXACTLY_ONCE), TestClients.WAIT);
            MqttMessage next = inbox.take();
            assertEquals("end", next.payloadAsString(), "no second copy of a QoS 2 message the application had");
        }
    }
}
