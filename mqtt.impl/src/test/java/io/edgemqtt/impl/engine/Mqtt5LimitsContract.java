package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.ClientState;
import io.edgemqtt.api.ConnectResult;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a broker announces in its CONNACK and the client must live by: server keep-alive, maximum packet size, receive
 * maximum, topic alias maximum. The broker is configured with {@value #MAXIMUM_PACKET_SIZE} bytes, receive maximum
 * {@value #RECEIVE_MAXIMUM} and topic alias maximum {@value #TOPIC_ALIASES}; the server keep-alive differs by broker
 * (Mosquitto's lowest is 10 s). Run against HiveMQ CE ({@code Mqtt5LimitsTest}) and Mosquitto ({@code
 * Mqtt5LimitsInteropTest}).
 */
public abstract class Mqtt5LimitsContract {
    public static final int MAXIMUM_PACKET_SIZE = 4096;
    public static final int RECEIVE_MAXIMUM = 2;
    public static final int TOPIC_ALIASES = 2;

    protected final TestClients clients = new TestClients();

    protected abstract String uri();

    /** @return the server keep-alive the broker is configured with, in seconds */
    protected abstract int serverKeepAlive();

    @AfterEach
    void closeClients() {
        clients.close();
    }

    private MqttClient connected(java.util.function.UnaryOperator<io.edgemqtt.api.ConnectOptions.Builder> options)
            throws InterruptedException {
        return clients.connected(uri(), MqttVersion.V5, options);
    }

    private static String topic(String name) {
        return TestClients.uniqueId("limits/" + name);
    }

    @Test
    void theServerKeepAliveReplacesOursAndKeepsTheConnectionUp() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        MqttClient client = clients.create(uri(), MqttVersion.V5, o -> o.keepAliveSeconds(60));
        client.addConnectionListener(events);
        ConnectResult result = client.connectAndWait(TestClients.WAIT);
        assertEquals(serverKeepAlive(), result.keepAliveSeconds());
        // Idle for longer than 1.5 times the server keep-alive: only our PINGREQs keep the broker from closing it.
        Thread.sleep(serverKeepAlive() * 1_700L);
        assertTrue(events.disconnected.isEmpty(), "disconnected: " + events.disconnected);
        assertEquals(ClientState.CONNECTED, client.state());
        String topic = topic("alive");
        Inbox inbox = new Inbox();
        client.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox);
        client.publishAndWait(MqttMessage.of(topic, "still here", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals("still here", inbox.take().payloadAsString());
    }

    @Test
    void aPublishAboveTheBrokersMaximumPacketSizeFailsBeforeSending() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        String topic = topic("size");
        Inbox inbox = new Inbox();
        MqttClient client = clients.create(uri(), MqttVersion.V5, o -> o);
        client.addConnectionListener(events);
        ConnectResult result = client.connectAndWait(TestClients.WAIT);
        assertEquals(OptionalLong.of(MAXIMUM_PACKET_SIZE), result.maximumPacketSize());
        client.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox);
        // QoS 1 PUBLISH: 1 byte of type and flags, 2 of remaining length, 2 + topic, 2 of packet id, 1 of (empty)
        // properties, then the payload.
        int fits = MAXIMUM_PACKET_SIZE - 1 - 2 - (2 + topic.length()) - 2 - 1;
        client.publishAndWait(MqttMessage.of(topic, new byte[fits], Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals(fits, inbox.take().payloadSize(), "exactly the maximum is allowed");

        long sentBefore = client.statistics().bytesSent();
        for (Qos qos : Qos.values()) {
            int oneTooMany = fits + 1 + (qos == Qos.AT_MOST_ONCE ? 2 : 0); // QoS 0 has no packet identifier
            CompletionStage<PublishResult> tooLarge = client.publish(MqttMessage.of(topic, new byte[oneTooMany], qos));
            MqttException refused = assertInstanceOf(MqttException.class, Await.failure(tooLarge));
            assertEquals(ReasonCode.PACKET_TOO_LARGE, refused.reasonCode());
            assertTrue(refused.isLocal());
            assertTrue(refused.getMessage().contains("packet of " + (MAXIMUM_PACKET_SIZE + 1) + " bytes is larger than"
                    + " the broker's maximum packet size of " + MAXIMUM_PACKET_SIZE), refused.getMessage());
        }
        assertTrue(client.statistics().bytesSent() - sentBefore < 100, "nothing large was sent");
        client.publishAndWait(MqttMessage.of(topic, "small", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals("small", inbox.take().payloadAsString());
        assertTrue(events.disconnected.isEmpty(), "the broker never saw a packet too large");
    }

    @Test
    void theBrokersReceiveMaximumBoundsOurInFlightWindowWithoutStalling() throws Exception {
        String topic = topic("window");
        Inbox inbox = new Inbox();
        MqttClient subscriber = connected(o -> o);
        subscriber.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox).toCompletableFuture().join();
        MqttClient publisher = connected(o -> o.inflightWindow(100));
        assertEquals(RECEIVE_MAXIMUM, publisher.connection().orElseThrow().receiveMaximum());
        List<CompletionStage<PublishResult>> results = new ArrayList<>();
        int maxInFlight = 0;
        for (int i = 0; i < 300; i++) {
            results.add(publisher.publish(MqttMessage.of(topic, Integer.toString(i), Qos.values()[1 + i % 2])));
            if (i % 10 == 0) {
                maxInFlight = Math.max(maxInFlight, publisher.statistics().inFlight());
            }
        }
        for (CompletionStage<PublishResult> result : results) {
            Await.await(result);
        }
        assertTrue(maxInFlight <= RECEIVE_MAXIMUM, "in flight at most " + RECEIVE_MAXIMUM + ", saw " + maxInFlight);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MqttMessage message : inbox.take(300)) {
            assertTrue(seen.add(message.payloadAsString()), "duplicate " + message.payloadAsString());
        }
        assertEquals(300, seen.size());
        assertEquals(0, inbox.size());
    }

    @Test
    void outboundTopicAliasesStayWithinTheBrokersMaximum() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        String topic = topic("aliases");
        Inbox inbox = new Inbox();
        MqttClient subscriber = connected(o -> o);
        subscriber.subscribe(Subscription.of(topic + "/#", Qos.AT_LEAST_ONCE), inbox).toCompletableFuture().join();
        // The client would use 10; the broker takes 2, and answers an alias above that with DISCONNECT 0x94.
        MqttClient publisher = clients.create(uri(), MqttVersion.V5, o -> o.outboundTopicAliases(10));
        publisher.addConnectionListener(events);
        assertEquals(TOPIC_ALIASES, publisher.connectAndWait(TestClients.WAIT).topicAliasMaximum());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String to = topic + "/" + (i % 5);
            expected.add(to + ":" + i);
            publisher.publish(MqttMessage.of(to, Integer.toString(i), Qos.AT_LEAST_ONCE));
        }
        for (String each : expected) {
            MqttMessage message = inbox.take();
            assertEquals(each, message.topic() + ":" + message.payloadAsString());
        }
        assertTrue(events.disconnected.isEmpty(), "disconnected: " + events.disconnected);
    }
}
