package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.ClientState;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.OverflowPolicy;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.testing.HiveMqBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the application sees: slow handlers, full receive queues, a full offline buffer. */
class DeliveryTest {
    private final HiveMqBroker broker = HiveMqBroker.shared();
    private final TestClients clients = new TestClients();

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void aBlockedHandlerStallsNeitherOtherHandlersNorKeepAlive() throws Exception {
        String topic = HiveMqBroker.uniqueTopic("slow");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowEntered = new CountDownLatch(1);
        Inbox fast = new Inbox();
        MqttClient client = clients.connected(broker.uri(), MqttVersion.V3_1_1, o -> o.keepAliveSeconds(1));
        Await.await(client.subscribe(Subscription.of(topic + "/slow", Qos.AT_LEAST_ONCE), message -> {
            slowEntered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Await.await(client.subscribe(Subscription.of(topic + "/fast", Qos.AT_LEAST_ONCE), fast));
        try {
            client.publishAndWait(MqttMessage.of(topic + "/slow", "block", Qos.AT_LEAST_ONCE), TestClients.WAIT);
            assertTrue(slowEntered.await(20, TimeUnit.SECONDS));
            for (int i = 0; i < 10; i++) {
                client.publishAndWait(MqttMessage.of(topic + "/fast", "f" + i, Qos.AT_LEAST_ONCE), TestClients.WAIT);
                assertEquals("f" + i, fast.take().payloadAsString());
            }
            // With nothing published, only keep-alive traffic moves: PINGRESPs arriving prove the loop runs.
            long before = client.statistics().bytesReceived();
            long deadline = System.nanoTime() + TestClients.WAIT.toNanos();
            while (client.statistics().bytesReceived() < before + 4 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(client.statistics().bytesReceived() >= before + 4, "two PINGRESPs while the handler blocks");
            assertEquals(ClientState.CONNECTED, client.state());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFullReceiveQueueDropsTheOldestWithDropOldest() throws Exception {
        List<String> kept = fillQueue(OverflowPolicy.DROP_OLDEST);
        assertEquals(List.of("q5", "q6", "q7", "q8", "q9"), kept);
    }

    @Test
    void aFullReceiveQueueRefusesNewMessagesWithDropNewest() throws Exception {
        List<String> kept = fillQueue(OverflowPolicy.DROP_NEWEST);
        assertEquals(List.of("q0", "q1", "q2", "q3", "q4"), kept);
    }

    /** Ten messages into a queue of five; a handled marker afterwards proves all ten were processed. */
    private List<String> fillQueue(OverflowPolicy policy) throws Exception {
        String topic = HiveMqBroker.uniqueTopic("full");
        Inbox marker = new Inbox();
        MqttClient client = clients.connected(broker.uri(), MqttVersion.V5, o -> o.receiveQueue(5, policy));
        Await.await(client.subscribe(Subscription.of(topic + "/q", Qos.AT_LEAST_ONCE)));
        Await.await(client.subscribe(Subscription.of(topic + "/marker", Qos.AT_LEAST_ONCE), marker));
        for (int i = 0; i < 10; i++) {
            client.publishAndWait(MqttMessage.of(topic + "/q", "q" + i, Qos.AT_LEAST_ONCE), TestClients.WAIT);
        }
        client.publishAndWait(MqttMessage.of(topic + "/marker", "m", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        marker.take();
        assertEquals(5, client.receiveQueueDepth());
        assertEquals(5, client.statistics().droppedMessages());
        List<String> kept = new ArrayList<>();
        client.poll().ifPresent(m -> kept.add(m.payloadAsString()));
        while (client.receiveQueueDepth() > 0) {
            kept.add(client.poll().orElseThrow().payloadAsString());
        }
        return kept;
    }

    @Test
    void backPressureLosesNothing() throws Exception {
        String topic = HiveMqBroker.uniqueTopic("pressure");
        MqttClient client = clients.connected(broker.uri(), MqttVersion.V5,
                o -> o.receiveQueue(5, OverflowPolicy.BACK_PRESSURE));
        Await.await(client.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE)));
        MqttClient publisher = clients.connected(broker.uri(), MqttVersion.V5);
        for (int i = 0; i < 50; i++) {
            publisher.publish(MqttMessage.of(topic, "b" + i, Qos.AT_LEAST_ONCE));
        }
        for (int i = 0; i < 50; i++) {
            assertEquals("b" + i, Await.pollQueue(client).payloadAsString());
        }
        assertEquals(0, client.statistics().droppedMessages());
    }

    @Test
    void aFullOfflineBufferRefusesTheNewestPublish() throws Exception {
        MqttClient client = clients.create(broker.uri(), MqttVersion.V3_1_1,
                o -> o.offlineBuffer(3, OverflowPolicy.DROP_NEWEST));
        List<CompletableFuture<PublishResult>> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accepted.add(client.publish(MqttMessage.of("offline/x", "a" + i, Qos.AT_LEAST_ONCE)).toCompletableFuture());
        }
        MqttException refused = failure(client.publish(MqttMessage.of("offline/x", "late", Qos.AT_LEAST_ONCE)));
        assertEquals(ReasonCode.QUOTA_EXCEEDED, refused.reasonCode());
        client.connectAndWait(TestClients.WAIT);
        for (CompletableFuture<PublishResult> ack : accepted) {
            assertNotEquals(null, Await.await(ack));
        }
    }

    @Test
    void aFullOfflineBufferDropsTheOldestWithDropOldest() throws Exception {
        MqttClient client = clients.create(broker.uri(), MqttVersion.V3_1_1,
                o -> o.offlineBuffer(3, OverflowPolicy.DROP_OLDEST));
        CompletableFuture<PublishResult> oldest =
                client.publish(MqttMessage.of("offline/y", "old", Qos.AT_LEAST_ONCE)).toCompletableFuture();
        for (int i = 0; i < 3; i++) {
            client.publish(MqttMessage.of("offline/y", "n" + i, Qos.AT_LEAST_ONCE));
        }
        MqttException dropped = failure(oldest);
        assertEquals(ReasonCode.QUOTA_EXCEEDED, dropped.reasonCode());
        assertTrue(dropped.getMessage().contains("DROP_OLDEST"), dropped.getMessage());
    }

    private static MqttException failure(java.util.concurrent.CompletionStage<?> stage) {
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> Await.await(stage));
        return assertInstanceOf(MqttException.class, thrown.getCause());
    }
}
