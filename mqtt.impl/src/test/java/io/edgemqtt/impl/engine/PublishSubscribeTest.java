package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.SubscribeResult;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.testing.HiveMqBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Publish and receive through a real broker (HiveMQ CE embedded), every QoS, both protocol versions. */
class PublishSubscribeTest {
    private final HiveMqBroker broker = HiveMqBroker.shared();
    private final TestClients clients = new TestClients();

    @AfterEach
    void close() {
        clients.close();
    }

    static Stream<Arguments> versionsAndQos() {
        List<Arguments> all = new ArrayList<>();
        for (MqttVersion version : MqttVersion.values()) {
            for (Qos qos : Qos.values()) {
                all.add(Arguments.of(version, qos));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("versionsAndQos")
    void roundTripAtEveryQos(MqttVersion version, Qos qos) throws Exception {
        String topic = HiveMqBroker.uniqueTopic("rt");
        Inbox inbox = new Inbox();
        MqttClient subscriber = clients.connected(broker.uri(), version);
        SubscribeResult granted = subscriber.subscribe(Subscription.of(topic, qos), inbox)
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(ReasonCode.granted(qos), granted.reasonCodes().get(0));

        MqttClient publisher = clients.connected(broker.uri(), version);
        int count = 200;
        List<java.util.concurrent.CompletableFuture<PublishResult>> acks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            acks.add(publisher.publish(MqttMessage.builder(topic).payload("m" + i).qos(qos).build())
                    .toCompletableFuture());
        }
        for (java.util.concurrent.CompletableFuture<PublishResult> ack : acks) {
            assertFalse(ack.get(20, TimeUnit.SECONDS).reasonCode().isError());
        }
        for (int i = 0; i < count; i++) {
            MqttMessage received = inbox.take();
            assertEquals("m" + i, received.payloadAsString(), "in order, nothing lost");
            assertEquals(qos, received.qos());
            assertEquals(topic, received.topic());
        }
        assertEquals(count, publisher.statistics().published());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void largePayloadArrivesIntact(MqttVersion version) throws Exception {
        String topic = HiveMqBroker.uniqueTopic("big");
        Inbox inbox = new Inbox();
        MqttClient client = clients.connected(broker.uri(), version);
        client.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox).toCompletableFuture().get(20, TimeUnit.SECONDS);
        byte[] payload = new byte[300_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        client.publish(MqttMessage.of(topic, payload, Qos.AT_LEAST_ONCE)).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertArrayEquals(payload, inbox.take().payloadAsBytes());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void unclaimedMessagesWaitInTheReceiveQueueWithNotification(MqttVersion version) throws Exception {
        String topic = HiveMqBroker.uniqueTopic("queue");
        MqttClient client = clients.connected(broker.uri(), version);
        CountDownLatch notified = new CountDownLatch(1);
        AtomicInteger depthSeen = new AtomicInteger();
        client.setReceiveListener((c, depth) -> {
            depthSeen.accumulateAndGet(depth, Math::max);
            if (depth >= 3) {
                notified.countDown();
            }
        });
        assertEquals(Optional.empty(), client.poll(), "an empty queue is not an error");
        client.subscribeAndWait(List.of(Subscription.of(topic, Qos.AT_LEAST_ONCE)), TestClients.WAIT);
        for (int i = 0; i < 3; i++) {
            client.publishAndWait(MqttMessage.of(topic, "q" + i, Qos.AT_LEAST_ONCE), TestClients.WAIT);
        }
        assertTrue(notified.await(20, TimeUnit.SECONDS), "notified with the queue depth");
        assertEquals(3, client.receiveQueueDepth());
        for (int i = 0; i < 3; i++) {
            assertEquals("q" + i, client.poll().orElseThrow().payloadAsString());
        }
        assertEquals(Optional.empty(), client.poll());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void retainedMessageIsSetAndCleared(MqttVersion version) throws Exception {
        String topic = HiveMqBroker.uniqueTopic("retained");
        MqttClient publisher = clients.connected(broker.uri(), version);
        publisher.publishAndWait(MqttMessage.builder(topic).payload("kept").retain(true).build(), TestClients.WAIT);

        Inbox first = new Inbox();
        MqttClient late = clients.connected(broker.uri(), version);
        late.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), first).toCompletableFuture().get(20, TimeUnit.SECONDS);
        MqttMessage retained = first.take();
        assertEquals("kept", retained.payloadAsString());
        assertTrue(retained.isRetain());

        publisher.publishAndWait(MqttMessage.builder(topic).payload(new byte[0]).retain(true).build(),
                TestClients.WAIT);
        String marker = topic + "/marker";
        publisher.publishAndWait(MqttMessage.builder(marker).payload("m").retain(true).build(), TestClients.WAIT);
        Inbox second = new Inbox();
        MqttClient later = clients.connected(broker.uri(), version);
        later.subscribe(Subscription.of(topic + "/#", Qos.AT_LEAST_ONCE), second)
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        // topic/# also matches the parent topic: only the marker may come back, the cleared message must not.
        assertEquals(marker, second.take().topic());
        assertEquals(null, second.poll(300), "the cleared retained message is gone");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void unsubscribeStopsDelivery(MqttVersion version) throws Exception {
        String gone = HiveMqBroker.uniqueTopic("gone");
        String kept = HiveMqBroker.uniqueTopic("kept");
        Inbox goneInbox = new Inbox();
        Inbox keptInbox = new Inbox();
        MqttClient client = clients.connected(broker.uri(), version);
        client.subscribe(Subscription.of(gone, Qos.AT_LEAST_ONCE), goneInbox).toCompletableFuture().get(20, TimeUnit.SECONDS);
        client.subscribe(Subscription.of(kept, Qos.AT_LEAST_ONCE), keptInbox).toCompletableFuture().get(20, TimeUnit.SECONDS);
        client.unsubscribe(gone).toCompletableFuture().get(20, TimeUnit.SECONDS);
        client.publishAndWait(MqttMessage.of(gone, "x", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        client.publishAndWait(MqttMessage.of(kept, "marker", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals("marker", keptInbox.take().payloadAsString());
        assertEquals(0, goneInbox.size(), "nothing delivered after unsubscribe");
        assertEquals(0, client.receiveQueueDepth(), "and nothing queued either");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void handlersOnlySeeTheirOwnFiltersAndTheRestIsQueued(MqttVersion version) throws Exception {
        String base = HiveMqBroker.uniqueTopic("filters");
        Inbox temperatures = new Inbox();
        Inbox humidities = new Inbox();
        MqttClient client = clients.connected(broker.uri(), version);
        client.subscribe(Subscription.of(base + "/+/temp", Qos.AT_LEAST_ONCE), temperatures)
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        client.subscribe(Subscription.of(base + "/+/humidity", Qos.AT_LEAST_ONCE), humidities)
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        client.subscribeAndWait(List.of(Subscription.of(base + "/+/pressure", Qos.AT_LEAST_ONCE)), TestClients.WAIT);
        client.publishAndWait(MqttMessage.of(base + "/a/humidity", "h", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        client.publishAndWait(MqttMessage.of(base + "/b/pressure", "p", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        client.publishAndWait(MqttMessage.of(base + "/a/temp", "t", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals("t", temperatures.take().payloadAsString());
        assertEquals("h", humidities.take().payloadAsString());
        assertEquals(0, temperatures.size());
        assertEquals(0, humidities.size());
        assertEquals("p", client.poll().orElseThrow().payloadAsString(), "no handler matched: queued");
    }
}
