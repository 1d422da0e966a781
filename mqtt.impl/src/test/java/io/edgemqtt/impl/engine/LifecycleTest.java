package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.ClientState;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.testing.HiveMqBroker;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Creation, disconnect, close, and what is refused before anything is sent. */
class LifecycleTest {
    private final HiveMqBroker broker = HiveMqBroker.shared();
    private final TestClients clients = new TestClients();

    @AfterEach
    void close() {
        clients.close();
    }

    private static MqttException failure(CompletionStage<?> stage) {
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(20, TimeUnit.SECONDS));
        return assertInstanceOf(MqttException.class, thrown.getCause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/+/b", "a/#", "nul\u0000char", "#"})
    void invalidTopicNamesAreRefusedLocally(String topic) throws Exception {
        MqttClient client = clients.connected(broker.uri(), MqttVersion.V3_1_1);
        MqttException refused = failure(client.publish(MqttMessage.of(topic, "x", Qos.AT_LEAST_ONCE)));
        assertEquals(ReasonCode.TOPIC_NAME_INVALID, refused.reasonCode());
        assertTrue(refused.isLocal());
        assertEquals(ClientState.CONNECTED, client.state(), "nothing else is disturbed");
        client.publishAndWait(MqttMessage.of("still/fine", "x", Qos.AT_LEAST_ONCE), TestClients.WAIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/#/b", "a+", "sport/tennis#", "", "$share/group", "$share/gr+oup/x"})
    void invalidTopicFiltersAreRefusedLocally(String filter) throws Exception {
        MqttClient client = clients.connected(broker.uri(), MqttVersion.V5);
        MqttException refused = failure(client.subscribe(Subscription.of(filter, Qos.AT_LEAST_ONCE)));
        assertEquals(ReasonCode.TOPIC_FILTER_INVALID, refused.reasonCode());
        assertTrue(refused.getMessage().contains(filter), refused.getMessage());
    }

    @Test
    void aPayloadAboveTheConfiguredLimitIsRefusedLocally() throws Exception {
        MqttClient client = clients.connected(broker.uri(), MqttVersion.V3_1_1, o -> o.maximumPayloadSize(131_072));
        MqttException refused = failure(client.publish(MqttMessage.of("big", new byte[131_073], Qos.AT_LEAST_ONCE)));
        assertEquals(ReasonCode.PACKET_TOO_LARGE, refused.reasonCode());
        assertTrue(refused.getMessage().contains("131072"), refused.getMessage());
        client.publishAndWait(MqttMessage.of("big", new byte[131_072], Qos.AT_LEAST_ONCE), TestClients.WAIT);
    }

    @Test
    void zeroLengthClientIdGetsAnIdentifierFromTheBroker() throws Exception {
        MqttClient client = clients.create(broker.uri(), MqttVersion.V5, o -> o.clientId(""));
        String assigned = client.connectAndWait(TestClients.WAIT).clientIdentifier();
        assertFalse(assigned.isEmpty());
    }

    @Test
    void disconnectThenConnectAgain() throws Exception {
        MqttClient client = clients.connected(broker.uri(), MqttVersion.V3_1_1);
        client.disconnect().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(ClientState.DISCONNECTED, client.state());
        client.connectAndWait(TestClients.WAIT);
        assertEquals(ClientState.CONNECTED, client.state());
    }

    @Test
    void closeFailsEverythingAfterwardsAndLeavesNoThread() throws Exception {
        clients.close(); // clients of earlier tests in this JVM are gone
        for (int i = 0; i < 3; i++) {
            clients.connected(broker.uri(), MqttVersion.V3_1_1);
        }
        assertFalse(engineThreads().isEmpty(), "the engine threads run while clients exist");
        MqttClient last = clients.connected(broker.uri(), MqttVersion.V5);
        clients.close();
        assertEquals(ClientState.CLOSED, last.state());
        MqttException closed = failure(last.publish(MqttMessage.of("t", "x", Qos.AT_LEAST_ONCE)));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        for (Thread thread : engineThreads()) {
            thread.join(10_000);
        }
        List<String> left = engineThreads().stream().map(Thread::getName).collect(Collectors.toList());
        assertEquals(List.of(), left, "no engine thread left after the last client closed");
    }

    private static List<Thread> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("mqtt-") && thread.isAlive())
                .collect(Collectors.toList());
    }
}
