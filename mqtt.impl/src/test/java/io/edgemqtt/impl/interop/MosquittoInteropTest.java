package io.edgemqtt.impl.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.Will;
import io.edgemqtt.impl.engine.Await;
import io.edgemqtt.impl.engine.Inbox;
import io.edgemqtt.impl.engine.TcpRelay;
import io.edgemqtt.impl.engine.TestClients;
import io.edgemqtt.impl.testing.MosquittoExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine against Mosquitto, a broker written by others in another language, on both protocol versions. */
class MosquittoInteropTest {
    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    private final TestClients clients = new TestClients();

    @AfterEach
    void close() {
        clients.close();
    }

    private static String topic(String name) {
        return TestClients.uniqueId("interop/" + name);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void roundTripsAtQos0And1And2(MqttVersion version) throws Exception {
        String topic = topic("qos");
        Inbox inbox = new Inbox();
        MqttClient subscriber = clients.connected(MOSQUITTO.uri(), version);
        Await.await(subscriber.subscribe(Subscription.of(topic + "/#", Qos.EXACTLY_ONCE), inbox));
        MqttClient publisher = clients.connected(MOSQUITTO.uri(), version);
        for (Qos qos : Qos.values()) {
            for (int i = 0; i < 100; i++) {
                publisher.publish(MqttMessage.of(topic + "/" + qos.value(), qos + ":" + i, qos));
            }
        }
        // Order is kept per QoS level (MQTT 4.6).
        java.util.Map<Qos, Integer> next = new java.util.EnumMap<>(Qos.class);
        for (MqttMessage message : inbox.take(300)) {
            int expected = next.merge(message.qos(), 1, Integer::sum) - 1;
            assertEquals(message.qos() + ":" + expected, message.payloadAsString());
        }
        publisher.publishAndWait(MqttMessage.of(topic + "/end", "end", Qos.EXACTLY_ONCE), TestClients.WAIT);
        assertEquals("end", inbox.take().payloadAsString(), "nothing duplicated");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void retainedMessagesAreSetAndCleared(MqttVersion version) throws Exception {
        String topic = topic("retain");
        MqttClient publisher = clients.connected(MOSQUITTO.uri(), version);
        publisher.publishAndWait(MqttMessage.builder(topic + "/a").payload("kept").retain(true).build(),
                TestClients.WAIT);
        Inbox first = new Inbox();
        MqttClient late = clients.connected(MOSQUITTO.uri(), version);
        Await.await(late.subscribe(Subscription.of(topic + "/#", Qos.AT_LEAST_ONCE), first));
        MqttMessage retained = first.take();
        assertTrue(retained.isRetain());
        assertEquals("kept", retained.payloadAsString());

        publisher.publishAndWait(MqttMessage.builder(topic + "/a").retain(true).build(), TestClients.WAIT);
        publisher.publishAndWait(MqttMessage.builder(topic + "/b").payload("marker").retain(true).build(),
                TestClients.WAIT);
        Inbox second = new Inbox();
        MqttClient later = clients.connected(MOSQUITTO.uri(), version);
        Await.await(later.subscribe(Subscription.of(topic + "/#", Qos.AT_LEAST_ONCE), second));
        assertEquals("marker", second.take().payloadAsString(), "only the marker is still retained");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aPersistentSessionReceivesWhatWasQueuedWhileOffline(MqttVersion version) throws Exception {
        String topic = topic("offline");
        String id = TestClients.uniqueId("persistent");
        MqttClient subscriber = clients.connected(MOSQUITTO.uri(), version,
                o -> o.clientId(id).cleanStart(false).sessionExpiryInterval(600));
        Await.await(subscriber.subscribe(Subscription.of(topic, Qos.EXACTLY_ONCE)));
        Await.await(subscriber.disconnect());

        MqttClient publisher = clients.connected(MOSQUITTO.uri(), version);
        for (int i = 0; i < 30; i++) {
            publisher.publishAndWait(MqttMessage.of(topic, "q" + i, Qos.values()[1 + i % 2]), TestClients.WAIT);
        }
        Inbox inbox = new Inbox();
        subscriber.subscribe(Subscription.of(topic, Qos.EXACTLY_ONCE), inbox); // handler; the broker has the session
        assertTrue(subscriber.connectAndWait(TestClients.WAIT).isSessionPresent());
        for (int i = 0; i < 30; i++) {
            assertEquals("q" + i, inbox.take().payloadAsString());
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void theWillIsPublishedWhenTheConnectionDropsAndOnKeepAliveExpiry(MqttVersion version) throws Exception {
        String topic = topic("will");
        Inbox wills = new Inbox();
        MqttClient watcher = clients.connected(MOSQUITTO.uri(), version);
        Await.await(watcher.subscribe(Subscription.of(topic + "/#", Qos.AT_LEAST_ONCE), wills));
        try (TcpRelay relay = new TcpRelay(MOSQUITTO.broker().host(), MOSQUITTO.port())) {
            MqttClient dropped = clients.connected(relay.uri(), version, o -> o
                    .will(Will.of(MqttMessage.of(topic + "/dropped", "gone", Qos.AT_LEAST_ONCE)))
                    .reconnectPolicy(io.edgemqtt.api.ReconnectPolicy.DISABLED));
            relay.cut();
            MqttMessage will = wills.take();
            assertEquals(topic + "/dropped", will.topic());
            assertEquals("gone", will.payloadAsString());
            assertNotNull(dropped);

            MqttClient silent = clients.connected(relay.uri(), version, o -> o.keepAliveSeconds(1)
                    .will(Will.of(MqttMessage.of(topic + "/silent", "expired", Qos.AT_LEAST_ONCE)))
                    .reconnectPolicy(io.edgemqtt.api.ReconnectPolicy.DISABLED));
            relay.freezeClientToBroker(true); // the broker hears nothing more from this client
            MqttMessage expired = wills.take();
            assertEquals(topic + "/silent", expired.topic());
            assertNotNull(silent);
        }
        MqttClient polite = clients.connected(MOSQUITTO.uri(), version, o -> o
                .will(Will.of(MqttMessage.of(topic + "/polite", "never", Qos.AT_LEAST_ONCE))));
        Await.await(polite.disconnect());
        watcher.publishAndWait(MqttMessage.of(topic + "/marker", "m", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals(topic + "/marker", wills.take().topic(), "a normal disconnect discards the will");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aZeroLengthClientIdIsAccepted(MqttVersion version) throws Exception {
        MqttClient client = clients.connected(MOSQUITTO.uri(), version, o -> o.clientId("").cleanStart(true));
        String id = client.connection().orElseThrow().clientIdentifier();
        if (version == MqttVersion.V5) {
            assertFalse(id.isEmpty(), "MQTT 5 reports the assigned identifier");
        }
        String topic = topic("anonymous");
        Inbox inbox = new Inbox();
        Await.await(client.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox));
        client.publishAndWait(MqttMessage.of(topic, "works", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals("works", inbox.take().payloadAsString());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void overlappingSubscriptionsDeliverAtLeastOneCopyAtTheHighestGrantedQos(MqttVersion version) throws Exception {
        String topic = topic("overlap");
        MqttClient client = clients.connected(MOSQUITTO.uri(), version);
        Await.await(client.subscribe(List.of(Subscription.of(topic + "/#", Qos.AT_MOST_ONCE),
                Subscription.of(topic + "/+/x", Qos.AT_LEAST_ONCE))));
        client.publishAndWait(MqttMessage.of(topic + "/a/x", "both", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        client.publishAndWait(MqttMessage.of(topic + "/end", "end", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        int copies = 0;
        Qos best = Qos.AT_MOST_ONCE;
        while (true) {
            MqttMessage message = Await.pollQueue(client);
            if (message.payloadAsString().equals("end")) {
                break;
            }
            copies++;
            best = message.qos().value() > best.value() ? message.qos() : best;
        }
        assertTrue(copies == 1 || copies == 2, "one copy, or one per subscription: " + copies);
        if (copies == 1) {
            assertEquals(Qos.AT_LEAST_ONCE, best, "a single copy comes at the highest granted QoS (MQTT-3.3.5-1)");
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void dollarTopicsAreNotMatchedByAFirstLevelWildcard(MqttVersion version) throws Exception {
        String name = topic("dollar").replace("interop/", "");
        Inbox everything = new Inbox();
        Inbox dollar = new Inbox();
        MqttClient client = clients.connected(MOSQUITTO.uri(), version);
        Await.await(client.subscribe(Subscription.of("#", Qos.AT_LEAST_ONCE), everything));
        Await.await(client.subscribe(Subscription.of("$edge/" + name + "/#", Qos.AT_LEAST_ONCE), dollar));
        client.publishAndWait(MqttMessage.of("$edge/" + name + "/x", "dollar", Qos.AT_LEAST_ONCE),
                TestClients.WAIT);
        assertEquals("dollar", dollar.take().payloadAsString(), "an explicit $ filter matches");
        client.publishAndWait(MqttMessage.of("plain/" + name, "plain", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        MqttMessage first = everything.take();
        while (!first.topic().equals("plain/" + name)) {
            assertFalse(first.topic().startsWith("$"), "'#' delivered " + first.topic());
            first = everything.take();
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void unsubscribeStopsDelivery(MqttVersion version) throws Exception {
        String topic = topic("unsub");
        Inbox inbox = new Inbox();
        MqttClient client = clients.connected(MOSQUITTO.uri(), version);
        Await.await(client.subscribe(Subscription.of(topic + "/gone", Qos.AT_LEAST_ONCE), inbox));
        Await.await(client.subscribe(Subscription.of(topic + "/kept", Qos.AT_LEAST_ONCE)));
        Await.await(client.unsubscribe(topic + "/gone"));
        client.publishAndWait(MqttMessage.of(topic + "/gone", "x", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        client.publishAndWait(MqttMessage.of(topic + "/kept", "marker", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals("marker", Await.pollQueue(client).payloadAsString());
        assertNull(client.poll().orElse(null));
        assertEquals(0, inbox.size());
    }
}
