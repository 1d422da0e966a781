package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.DisconnectEvent;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.ReconnectPolicy;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a broker sends that breaks the protocol closes the connection with an error naming the rule. */
class MalformedInputTest {
    private static final byte[] CONNACK_311 = {0x20, 0x02, 0x00, 0x00};
    private static final byte[] CONNACK_5 = {0x20, 0x03, 0x00, 0x00, 0x00};

    private final TestClients clients = new TestClients();

    @AfterEach
    void close() {
        clients.close();
    }

    private MqttClient client(HostilePeer peer, MqttVersion version, int maximumPacketSize) {
        return clients.create(peer.uri(), version, o -> o.reconnectPolicy(ReconnectPolicy.DISABLED)
                .maximumPacketSize(maximumPacketSize));
    }

    private static MqttException connectFailure(MqttClient client) {
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> Await.await(client.connect()));
        return assertInstanceOf(MqttException.class, thrown.getCause());
    }

    @Test
    void aRemainingLengthOfFiveBytesIsMalformed() throws Exception {
        try (HostilePeer peer = new HostilePeer(new byte[] {0x20, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            0x01})) {
            MqttException failure = connectFailure(client(peer, MqttVersion.V3_1_1, 1024));
            assertEquals(ReasonCode.MALFORMED_PACKET, failure.reasonCode());
            assertTrue(failure.getMessage().contains("Remaining Length is longer than 4 bytes (section 1.5.5)"),
                    "names the rule: " + failure.getMessage());
        }
    }

    @Test
    void aPacketAboveTheMaximumSizeIsRefusedBeforeItsBodyArrives() throws Exception {
        // A PUBLISH header announcing 10 MB, and no body at all: the client must not wait for it.
        byte[] reply = concat(CONNACK_311, new byte[] {0x30, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x05});
        try (HostilePeer peer = new HostilePeer(reply)) {
            MqttClient client = client(peer, MqttVersion.V3_1_1, 1024);
            ConnectionEvents events = new ConnectionEvents();
            client.addConnectionListener(events);
            Await.await(client.connect());
            DisconnectEvent lost = events.nextDisconnected();
            MqttException cause = lost.cause().orElseThrow();
            assertEquals(ReasonCode.PACKET_TOO_LARGE, cause.reasonCode());
            assertTrue(cause.getMessage().contains("1024"), cause.getMessage());
        }
    }

    @Test
    void aWildcardInAReceivedTopicClosesTheConnectionAndMqtt5SaysWhy() throws Exception {
        // PUBLISH QoS 0, topic "a/#", property length 0, payload "x"
        byte[] publish = {0x30, 0x07, 0x00, 0x03, 'a', '/', '#', 0x00, 'x'};
        try (HostilePeer peer = new HostilePeer(concat(CONNACK_5, publish))) {
            MqttClient client = client(peer, MqttVersion.V5, 1024);
            ConnectionEvents events = new ConnectionEvents();
            client.addConnectionListener(events);
            Await.await(client.connect());
            MqttException cause = events.nextDisconnected().cause().orElseThrow();
            assertTrue(cause.reasonCode() == ReasonCode.MALFORMED_PACKET
                    || cause.reasonCode() == ReasonCode.PROTOCOL_ERROR, cause.toString());
            assertTrue(cause.getMessage().contains("MQTT-3.3.2-2"), cause.getMessage());
            byte[] sent = peer.receivedAfterClose();
            int disconnect = sent.length - 3; // the client's last packet: DISCONNECT with the reason code
            assertEquals((byte) 0xE0, sent[disconnect], "an MQTT 5 client says why it closes");
            assertEquals((byte) cause.reasonCode().value(), sent[disconnect + 2]);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
