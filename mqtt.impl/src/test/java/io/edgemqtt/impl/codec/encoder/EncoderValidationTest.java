package io.edgemqtt.impl.codec.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.codec.Auth;
import io.edgemqtt.impl.codec.Connack;
import io.edgemqtt.impl.codec.Connect;
import io.edgemqtt.impl.codec.Publish;
import io.edgemqtt.impl.codec.Subscribe;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What cannot be sent is refused before a single byte is written. */
class EncoderValidationTest {

    private static void assertRefusedUntouched(Runnable encode, ByteBuffer out) {
        int position = out.position();
        assertThrows(RuntimeException.class, encode::run);
        assertEquals(position, out.position(), "nothing written");
        for (int i = 0; i < out.capacity(); i++) {
            assertEquals(0, out.get(i), "byte " + i + " untouched");
        }
    }

    @Test
    void refusesAStringLongerThan65535Bytes() {
        String topic = "é".repeat(32_768); // 65536 bytes in UTF-8, only 32768 chars
        Publish publish = Publish.of(MqttMessage.of(topic, "x", Qos.AT_MOST_ONCE), 0);
        MqttException e = assertThrows(MqttException.class, () -> PacketEncoder.size(publish, MqttVersion.V5));
        assertTrue(e.getMessage().contains("65536 bytes"), e.getMessage());
        ByteBuffer out = ByteBuffer.allocate(200_000);
        assertRefusedUntouched(() -> PacketEncoder.encode(publish, MqttVersion.V5, out), out);
    }

    @Test
    void acceptsAStringOfExactly65535Bytes() {
        Publish publish = Publish.of(MqttMessage.of("a".repeat(65_535), "", Qos.AT_MOST_ONCE), 0);
        assertEquals(1 + 3 + 2 + 65_535, PacketEncoder.size(publish, MqttVersion.V3_1_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "bad\uD800", "\uDC00x"})
    void refusesStringsThatAreNotMqttUtf8(String topic) {
        Publish publish = Publish.of(MqttMessage.of(topic, "x", Qos.AT_MOST_ONCE), 0);
        ByteBuffer out = ByteBuffer.allocate(64);
        assertRefusedUntouched(() -> PacketEncoder.encode(publish, MqttVersion.V5, out), out);
        MqttException e = assertThrows(MqttException.class, () -> PacketEncoder.size(publish, MqttVersion.V5));
        assertTrue(e.getMessage().startsWith("[MQTT-1.5.4-"), e.getMessage());
    }

    @Test
    void refusesABufferTooSmallWithoutWriting() {
        Subscribe subscribe = new Subscribe(1, List.of(Subscription.of("a/b", Qos.AT_LEAST_ONCE)), 0, List.of());
        ByteBuffer out = ByteBuffer.allocate(PacketEncoder.size(subscribe, MqttVersion.V5) - 1);
        assertThrows(BufferOverflowException.class, () -> PacketEncoder.encode(subscribe, MqttVersion.V5, out));
        assertEquals(0, out.position());
    }

    @Test
    void headerOnlyNeedsRoomForTheHeaderOnly() {
        Publish publish = Publish.of(MqttMessage.builder("t").payload(new byte[10_000]).build(), 1);
        int header = PublishEncoder.headerSize(publish, MqttVersion.V5);
        assertEquals(1 + 2 + 2 + 1 + 2 + 1, header);
        ByteBuffer out = ByteBuffer.allocate(header);
        assertEquals(header, PublishEncoder.encodeHeader(publish, MqttVersion.V5, out));
        assertThrows(BufferOverflowException.class,
                () -> PublishEncoder.encode(publish, MqttVersion.V5, ByteBuffer.allocate(header)));
    }

    @Test
    void refusesAuthOn311() {
        Auth auth = new Auth(ReasonCode.SUCCESS, null, null, null, List.of());
        assertThrows(IllegalArgumentException.class, () -> PacketEncoder.size(auth, MqttVersion.V3_1_1));
    }

    @Test
    void refusesACodeThatHasNo311ConnackReturnCode() {
        Connack connack = Connack.builder(ReasonCode.BANNED, false).build();
        assertThrows(IllegalArgumentException.class, () -> PacketEncoder.size(connack, MqttVersion.V3_1_1));
    }

    @Test
    void refusesAPasswordWithoutUserNameOn311() {
        Connect connect = Connect.builder(MqttVersion.V3_1_1, "c").password(new byte[] {1}).build();
        MqttException e = assertThrows(MqttException.class, () -> PacketEncoder.size(connect, MqttVersion.V3_1_1));
        assertTrue(e.getMessage().contains("[MQTT-3.1.2-22]"));
    }

    @Test
    void refusesAConnectForTheOtherVersion() {
        Connect connect = Connect.builder(MqttVersion.V5, "c").build();
        assertThrows(IllegalArgumentException.class, () -> PacketEncoder.size(connect, MqttVersion.V3_1_1));
    }

    @Test
    void packetsRefuseImpossibleValuesWhenBuilt() {
        MqttMessage qos1 = MqttMessage.of("t", "x", Qos.AT_LEAST_ONCE);
        MqttMessage qos0 = MqttMessage.of("t", "x", Qos.AT_MOST_ONCE);
        assertThrows(IllegalArgumentException.class, () -> Publish.of(qos1, 0));
        assertThrows(IllegalArgumentException.class, () -> Publish.of(qos0, 1));
        assertThrows(IllegalArgumentException.class, () -> Publish.of(qos0, 0).withDup(true));
        assertThrows(IllegalArgumentException.class, () -> Publish.of(qos1, 1).withTopicAlias(0, true));
        assertThrows(IllegalArgumentException.class, () -> new Subscribe(1, List.of(), 0, List.of()));
    }
}
