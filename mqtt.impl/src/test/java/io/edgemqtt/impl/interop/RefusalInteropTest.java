package io.edgemqtt.impl.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.edgemqtt.api.ReconnectPolicy;
import io.edgemqtt.api.SubscribeException;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.engine.Await;
import io.edgemqtt.impl.engine.Inbox;
import io.edgemqtt.impl.engine.TestClients;
import io.edgemqtt.impl.testing.MosquittoConfig;
import io.edgemqtt.impl.testing.MosquittoExtension;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the broker refuses becomes a typed error, and the rest keeps working (Mosquitto dynamic security). */
class RefusalInteropTest {
    @RegisterExtension
    static final MosquittoExtension MOSQUITTO =
            new MosquittoExtension(MosquittoConfig.builder().dynamicSecurity().build());

    private final TestClients clients = new TestClients();

    @AfterEach
    void close() {
        clients.close();
    }

    private MqttClient login(MqttVersion version) throws InterruptedException {
        MosquittoConfig.DynamicSecurity user = MOSQUITTO.broker().config().dynamicSecurity();
        return clients.connected(MOSQUITTO.uri(), version, o -> o.username(user.username()).password(user.password()));
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aRefusedSubscriptionFailsItsStageAndNamesTheFilter(MqttVersion version) throws Exception {
        MqttClient client = login(version);
        String allowed = TestClients.uniqueId("allowed/x");
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> Await.await(client.subscribe(
                List.of(Subscription.of(allowed, Qos.AT_LEAST_ONCE), Subscription.of("forbidden/x", Qos.AT_LEAST_ONCE)))));
        SubscribeException refused = assertInstanceOf(SubscribeException.class, thrown.getCause());
        assertTrue(refused.getMessage().contains("forbidden/x"), refused.getMessage());
        assertTrue(refused.result().reasonCodes().get(1).isError());
        assertEquals(version == MqttVersion.V5 ? ReasonCode.NOT_AUTHORIZED : ReasonCode.UNSPECIFIED_ERROR,
                refused.reasonCode());
        assertEquals(ReasonCode.GRANTED_QOS_1, refused.result().reasonCodes().get(0), "the other one was granted");

        Inbox inbox = new Inbox();
        Await.await(client.subscribe(Subscription.of(allowed + "/h", Qos.AT_LEAST_ONCE), inbox));
        client.publishAndWait(MqttMessage.of(allowed + "/h", "still works", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals("still works", inbox.take().payloadAsString());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aWrongPasswordIsATypedConnectRefusal(MqttVersion version) throws Exception {
        MosquittoConfig.DynamicSecurity user = MOSQUITTO.broker().config().dynamicSecurity();
        MqttClient client = clients.create(MOSQUITTO.uri(), version, o -> o.username(user.username())
                .password("wrong-" + user.password()).reconnectPolicy(ReconnectPolicy.DISABLED));
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> Await.await(client.connect()));
        MqttException refused = assertInstanceOf(MqttException.class, thrown.getCause());
        assertTrue(refused.reasonCode() == ReasonCode.BAD_USER_NAME_OR_PASSWORD
                || refused.reasonCode() == ReasonCode.NOT_AUTHORIZED, refused.toString());
        assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
        assertEquals(ClientState.DISCONNECTED, client.state());
    }
}
