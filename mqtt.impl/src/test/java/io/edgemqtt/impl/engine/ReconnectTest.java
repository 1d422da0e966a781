package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.ClientState;
import io.edgemqtt.api.ConnectResult;
import io.edgemqtt.api.DisconnectEvent;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.ReconnectPolicy;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.testing.HiveMqBroker;
import io.edgemqtt.impl.testing.Loopback;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Network drops, silent brokers, refused and failed connects, with a TCP relay in front of a real broker that the test
 * can cut.
 */
class ReconnectTest {
    private final HiveMqBroker broker = HiveMqBroker.shared();
    private final TestClients clients = new TestClients();
    private TcpRelay relay;

    @BeforeEach
    void openRelay() throws Exception {
        relay = new TcpRelay(broker.host(), broker.port());
    }

    @AfterEach
    void close() throws Exception {
        clients.close();
        relay.close();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void publishesMadeWhileOfflineAreDeliveredAfterReconnect(MqttVersion version) throws Exception {
        String topic = HiveMqBroker.uniqueTopic("offline");
        Inbox inbox = new Inbox();
        MqttClient subscriber = clients.connected(broker.uri(), version);
        subscriber.subscribe(Subscription.of(topic, Qos.EXACTLY_ONCE), inbox).toCompletableFuture().get(20, TimeUnit.SECONDS);

        ConnectionEvents events = new ConnectionEvents();
        MqttClient publisher = clients.create(relay.uri(), version, o -> o);
        publisher.addConnectionListener(events);
        publisher.connectAndWait(TestClients.WAIT);
        events.nextConnected();

        relay.refuse(true);
        relay.cut();
        DisconnectEvent lost = events.nextDisconnected();
        assertEquals(DisconnectEvent.Initiator.CONNECTION, lost.initiator());
        assertTrue(lost.willReconnect());

        List<CompletableFuture<PublishResult>> acks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            acks.add(publisher.publish(MqttMessage.of(topic, "o" + i, Qos.values()[i % 3])).toCompletableFuture());
        }
        assertEquals(50, publisher.statistics().buffered(), "held in the offline buffer");
        assertFalse(acks.get(0).isDone());

        relay.refuse(false);
        events.nextConnected();
        for (CompletableFuture<PublishResult> ack : acks) {
            ack.get(20, TimeUnit.SECONDS);
        }
        // Order is kept per QoS level (MQTT 4.6); a broker may interleave levels differently.
        List<List<String>> byQos = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (MqttMessage message : inbox.take(50)) {
            byQos.get(message.qos().value()).add(message.payloadAsString());
        }
        for (int qos = 0; qos < 3; qos++) {
            List<String> expected = new ArrayList<>();
            for (int i = qos; i < 50; i += 3) {
                expected.add("o" + i);
            }
            assertEquals(expected, byQos.get(qos), "QoS " + qos + " complete and in order after the outage");
        }
        assertEquals(1, publisher.statistics().reconnects());
    }

    @Test
    void aFailedFirstConnectIsRetriedWithBackoff() throws Exception {
        relay.refuse(true);
        ConnectionEvents events = new ConnectionEvents();
        MqttClient client = clients.create(relay.uri(), MqttVersion.V3_1_1, o -> o);
        client.addConnectionListener(events);
        CompletableFuture<ConnectResult> connect = client.connect().toCompletableFuture();
        DisconnectEvent failed = events.nextDisconnected();
        assertTrue(failed.willReconnect());
        assertEquals(ReasonCode.SERVER_UNAVAILABLE, failed.cause().orElseThrow().reasonCode());
        assertFalse(connect.isDone(), "still trying");
        relay.refuse(false);
        assertEquals(relay.uri(), connect.get(20, TimeUnit.SECONDS).serverUri().toString());
        assertTrue(events.reconnecting.get() >= 1);
    }

    @Test
    void withoutReconnectAFailedConnectFailsTheStage() throws Exception {
        int closedPort = Loopback.freePort();
        MqttClient client = clients.create("tcp://127.0.0.1:" + closedPort, MqttVersion.V3_1_1,
                o -> o.reconnectPolicy(ReconnectPolicy.DISABLED));
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.connect().toCompletableFuture().get(20, TimeUnit.SECONDS));
        MqttException cause = assertInstanceOf(MqttException.class, failure.getCause());
        assertEquals(ReasonCode.SERVER_UNAVAILABLE, cause.reasonCode());
        assertTrue(cause.getMessage().contains(String.valueOf(closedPort)), cause.getMessage());
        assertEquals(ClientState.DISCONNECTED, client.state());
    }

    @Test
    void serverUrisAreTriedInTurn() throws Exception {
        int closedPort = Loopback.freePort();
        MqttClient client = clients.create("tcp://127.0.0.1:" + closedPort, MqttVersion.V3_1_1,
                o -> o.serverUri(broker.uri()));
        assertEquals(broker.uri(), client.connectAndWait(TestClients.WAIT).serverUri().toString());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aSilentBrokerIsDetectedByKeepAliveAndTheClientReconnects(MqttVersion version) throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        MqttClient client = clients.create(relay.uri(), version, o -> o.keepAliveSeconds(2));
        client.addConnectionListener(events);
        client.connectAndWait(TestClients.WAIT);
        events.nextConnected();
        relay.silence(true);
        DisconnectEvent lost = events.nextDisconnected();
        assertEquals(ReasonCode.KEEP_ALIVE_TIMEOUT, lost.cause().orElseThrow().reasonCode(), lost.toString());
        relay.silence(false);
        relay.cut();
        events.nextConnected();
        assertEquals(ClientState.CONNECTED, client.state());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void unacknowledgedPublishesAreResentAfterReconnectAndQos2StaysExactlyOnce(MqttVersion version)
            throws Exception {
        String topic = HiveMqBroker.uniqueTopic("resend");
        Inbox inbox = new Inbox();
        MqttClient subscriber = clients.connected(broker.uri(), version);
        subscriber.subscribe(Subscription.of(topic + "/#", Qos.EXACTLY_ONCE), inbox)
                .toCompletableFuture().get(20, TimeUnit.SECONDS);

        ConnectionEvents events = new ConnectionEvents();
        MqttClient publisher = clients.create(relay.uri(), version, o -> o.cleanStart(false)
                .sessionExpiryInterval(300));
        publisher.addConnectionListener(events);
        publisher.connectAndWait(TestClients.WAIT);
        events.nextConnected();

        // The broker gets the publishes but its acknowledgements never reach the client.
        relay.silence(true);
        List<CompletableFuture<PublishResult>> acks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            acks.add(publisher.publish(MqttMessage.of(topic + "/q2", "e" + i, Qos.EXACTLY_ONCE)).toCompletableFuture());
        }
        // As many as the broker's receive maximum allows are written; their PUBRECs are swallowed.
        int window = Math.min(20, publisher.connection().orElseThrow().receiveMaximum());
        long deadline = System.nanoTime() + TestClients.WAIT.toNanos();
        while (publisher.statistics().inFlight() < window && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // nothing to await: no completion exists for "written"
        }
        assertEquals(window, publisher.statistics().inFlight());
        assertEquals(20 - window, publisher.statistics().buffered(), "the rest waits for the window");
        relay.silence(false);
        relay.cut();
        ConnectResult resumed = events.nextConnected();
        assertTrue(resumed.isSessionPresent(), "persistent session resumed");
        for (CompletableFuture<PublishResult> ack : acks) {
            ack.get(20, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("e" + i, inbox.take().payloadAsString(), "each QoS 2 message once, in order");
        }
        publisher.publishAndWait(MqttMessage.of(topic + "/marker", "end", Qos.EXACTLY_ONCE), TestClients.WAIT);
        assertEquals("end", inbox.take().payloadAsString(), "no duplicate of a QoS 2 message before the marker");
        assertEquals(0, publisher.statistics().inFlight());
    }
}
