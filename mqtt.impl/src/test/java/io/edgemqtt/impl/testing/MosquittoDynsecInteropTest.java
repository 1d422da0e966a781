package io.edgemqtt.impl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

/** Proves the dynamic-security setup: SUBSCRIBE to the forbidden filter is refused, everything else works. */
class MosquittoDynsecInteropTest {

    private static final int SUBACK_FAILURE = 0x80;

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO =
            new MosquittoExtension(MosquittoConfig.builder().dynamicSecurity().build());

    private static PahoPeer login(String clientId) throws MqttException {
        MosquittoConfig.DynamicSecurity user = MOSQUITTO.broker().config().dynamicSecurity();
        return PahoPeer.connect(MOSQUITTO.uri(), clientId, user.username(), user.password(), true);
    }

    @Test
    void subscribingToTheForbiddenFilterIsRefused() throws Exception {
        try (PahoPeer peer = login("dynsec-refused")) {
            assertEquals(SUBACK_FAILURE, peer.subscribe("forbidden/x", 1));
            assertEquals(SUBACK_FAILURE, peer.subscribe("forbidden/#", 0));
            // the connection stays usable after a refused SUBSCRIBE
            assertEquals(1, peer.subscribe("allowed/x", 1));
            peer.publish("allowed/x", "still connected", 1, false);
            assertEquals("still connected", peer.awaitMessage(Duration.ofSeconds(10)).text());
        }
    }

    @Test
    void anonymousClientsGetTheSameRole() throws Exception {
        try (PahoPeer peer = PahoPeer.connect(MOSQUITTO.uri(), "dynsec-anonymous")) {
            assertEquals(SUBACK_FAILURE, peer.subscribe("forbidden/x", 1));
            assertEquals(1, peer.subscribe("allowed/y", 1));
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        MosquittoConfig.DynamicSecurity user = MOSQUITTO.broker().config().dynamicSecurity();
        MqttException refused = assertThrows(MqttException.class, () -> PahoPeer.connect(MOSQUITTO.uri(),
                "dynsec-wrong", user.username(), "not-" + user.password(), true).close());
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refused.getReasonCode());
    }
}
