package io.edgemqtt.impl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.UserProperty;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageSerializerTest {
    static Stream<Arguments> messages() {
        MqttMessage.Builder base = MqttMessage.builder("a/b");
        return Stream.of(
                Arguments.of("minimal", MqttMessage.builder("t").build()),
                Arguments.of("empty topic", MqttMessage.builder("").build()),
                Arguments.of("qos 0", base.build().toBuilder().qos(Qos.AT_MOST_ONCE).build()),
                Arguments.of("qos 1", base.build().toBuilder().qos(Qos.AT_LEAST_ONCE).build()),
                Arguments.of("qos 2", base.build().toBuilder().qos(Qos.EXACTLY_ONCE).build()),
                Arguments.of("retain", base.build().toBuilder().retain(true).build()),
                Arguments.of("duplicate", base.build().toBuilder().duplicate(true).build()),
                Arguments.of("payload utf8", base.build().toBuilder().payloadUtf8(true).build()),
                Arguments.of("binary payload", base.build().toBuilder().payload(allBytes()).build()),
                Arguments.of("large payload", base.build().toBuilder().payload(new byte[300_000]).build()),
                Arguments.of("unicode topic", MqttMessage.builder("ä/中文/😀/\u0000/+#").build()),
                Arguments.of("expiry 0", base.build().toBuilder().messageExpiryInterval(0).build()),
                Arguments.of("expiry max", base.build().toBuilder().messageExpiryInterval(0xFFFF_FFFFL).build()),
                Arguments.of("content type", base.build().toBuilder().contentType("application/json").build()),
                Arguments.of("empty content type", base.build().toBuilder().contentType("").build()),
                Arguments.of("response topic", base.build().toBuilder().responseTopic("resp/ö").build()),
                Arguments.of("correlation data", base.build().toBuilder().correlationData(allBytes()).build()),
                Arguments.of("empty correlation", base.build().toBuilder().correlationData(new byte[0]).build()),
                Arguments.of("user properties", base.build().toBuilder()
                        .userProperties(List.of(UserProperty.of("k", "v"), UserProperty.of("k", "v2"),
                                UserProperty.of("", ""), UserProperty.of("ключ", "😀")))
                        .build()),
                Arguments.of("subscription ids", base.build().toBuilder()
                        .subscriptionIdentifiers(List.of(1, 268_435_455, 7)).build()),
                Arguments.of("everything", TestMessages.full(42)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void roundTripsEveryField(String name, MqttMessage message) throws Exception {
        int size = MessageSerializer.serializedSize(message);
        for (ByteBuffer buffer : List.of(ByteBuffer.allocate(size + 3), ByteBuffer.allocateDirect(size + 3))) {
            buffer.put(new byte[] {9, 9}); // not at index 0: offsets must be honoured
            MessageSerializer.write(message, buffer);
            assertEquals(size + 2, buffer.position(), "serializedSize matches what write writes");
            buffer.flip().position(2);
            MqttMessage read = MessageSerializer.read(buffer);
            assertEquals(message, read);
            assertFalse(buffer.hasRemaining());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyTruncationIsReportedAsCorrupt(String name, MqttMessage message) {
        if (message.payloadSize() > 1000) {
            return; // the cut points past the header are all alike
        }
        ByteBuffer buffer = ByteBuffer.allocate(MessageSerializer.serializedSize(message));
        MessageSerializer.write(message, buffer);
        for (int cut = 0; cut < buffer.capacity(); cut++) {
            ByteBuffer truncated = buffer.duplicate().position(0).limit(cut);
            assertThrows(CorruptRecordException.class, () -> MessageSerializer.read(truncated), "cut at " + cut);
        }
    }

    @Test
    void unknownFlagsAndHugeLengthsAreCorrupt() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        MessageSerializer.write(MqttMessage.builder("t").build(), buffer);
        buffer.flip();
        ByteBuffer badFlags = copy(buffer);
        badFlags.putShort(0, (short) 0x8001);
        assertThrows(CorruptRecordException.class, () -> MessageSerializer.read(badFlags));
        ByteBuffer badQos = copy(buffer);
        badQos.putShort(0, (short) 0x0003);
        assertThrows(CorruptRecordException.class, () -> MessageSerializer.read(badQos));
        ByteBuffer hugeTopic = copy(buffer);
        hugeTopic.putInt(2, Integer.MAX_VALUE);
        assertThrows(CorruptRecordException.class, () -> MessageSerializer.read(hugeTopic));
        ByteBuffer negativeTopic = copy(buffer);
        negativeTopic.putInt(2, -1);
        assertThrows(CorruptRecordException.class, () -> MessageSerializer.read(negativeTopic));
        ByteBuffer trailing = ByteBuffer.allocate(buffer.remaining() + 1).put(buffer.duplicate()).put((byte) 0).flip();
        assertThrows(CorruptRecordException.class, () -> MessageSerializer.read(trailing));
    }

    @Test
    void utf8MatchesTheJdkIncludingUnpairedSurrogates() {
        for (String text : List.of("", "abc", "ü", "中", "😀", "\uD800", "a\uDC00b", "\uD83D", "x\uD83D\uDE00\uD800")) {
            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(expected.length, Utf8.encodedLength(text), text);
            ByteBuffer buffer = ByteBuffer.allocate(expected.length);
            Utf8.encode(text, buffer);
            assertEquals(ByteBuffer.wrap(expected), buffer.flip(), text);
        }
    }

    private static ByteBuffer copy(ByteBuffer source) {
        return ByteBuffer.allocate(source.remaining()).put(source.duplicate()).flip();
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
