package io.edgemqtt.impl.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.impl.codec.decoder.FrameReader;
import io.edgemqtt.impl.codec.decoder.PacketDecoder;
import io.edgemqtt.impl.codec.encoder.PacketEncoder;
import io.edgemqtt.impl.codec.encoder.PublishEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every packet type, on both versions, encodes to what it decodes from; and arrives safely in any number of reads. */
class RoundTripTest {

    static List<Arguments> packets() {
        return SamplePackets.all();
    }

    private static ByteBuffer encode(MqttPacket packet, MqttVersion version) {
        int size = PacketEncoder.size(packet, version);
        ByteBuffer out = ByteBuffer.allocate(size + 7);
        out.position(3); // not at 0, to catch absolute-index mistakes
        int written = PacketEncoder.encode(packet, version, out);
        assertEquals(size, written, "encode() must write what size() announced");
        assertEquals(3 + size, out.position());
        out.flip().position(3);
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("packets")
    void decodesToTheEncodedPacket(MqttVersion version, MqttPacket packet) {
        ByteBuffer wire = encode(packet, version);
        int end = wire.limit();
        MqttPacket decoded = new PacketDecoder(version, 0).decode(wire);
        assertEquals(packet, decoded);
        assertEquals(end, wire.position(), "decode consumes exactly one packet");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("packets")
    void reportsNeedMoreAtEverySplitPointWithoutConsuming(MqttVersion version, MqttPacket packet) {
        ByteBuffer wire = encode(packet, version);
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);
        PacketDecoder decoder = new PacketDecoder(version, 0);
        int step = bytes.length > 5000 ? 997 : 1; // the 100 kB payload: a prime stride keeps the test fast
        for (int cut = 0; cut < bytes.length; cut += step) {
            ByteBuffer partial = ByteBuffer.wrap(bytes, 0, cut);
            assertNull(decoder.decode(partial), "cut at " + cut);
            assertEquals(0, partial.position(), "an incomplete packet is not consumed (cut at " + cut + ")");
            int frame = decoder.frameLength(partial);
            if (frame != FrameReader.NEED_MORE) {
                assertEquals(bytes.length, frame, "frame length known once the fixed header is in");
            }
        }
        assertEquals(packet, decoder.decode(ByteBuffer.wrap(bytes)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("packets")
    void decodesBackToBackPacketsFromOneBuffer(MqttVersion version, MqttPacket packet) {
        ByteBuffer one = encode(packet, version);
        ByteBuffer two = ByteBuffer.allocate(one.remaining() * 2 + 1);
        two.put(one.duplicate()).put(one.duplicate()).put((byte) 0x30); // a third packet has just begun
        two.flip();
        PacketDecoder decoder = new PacketDecoder(version, 0);
        assertEquals(packet, decoder.decode(two));
        assertEquals(packet, decoder.decode(two));
        assertNull(decoder.decode(two));
        assertEquals(1, two.remaining());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("packets")
    void decodesFromDirectAndReadOnlyBuffers(MqttVersion version, MqttPacket packet) {
        ByteBuffer heap = encode(packet, version);
        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining());
        direct.put(heap.duplicate()).flip();
        assertEquals(packet, new PacketDecoder(version, 0).decode(direct));
        assertEquals(packet, new PacketDecoder(version, 0).decode(heap.asReadOnlyBuffer()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("packets")
    void publishHeaderPlusPayloadEqualsWholePacket(MqttVersion version, MqttPacket packet) {
        if (!(packet instanceof Publish publish)) {
            return;
        }
        ByteBuffer whole = encode(packet, version);
        ByteBuffer gathered = ByteBuffer.allocate(whole.remaining());
        int header = PublishEncoder.encodeHeader(publish, version, gathered);
        assertEquals(PublishEncoder.headerSize(publish, version), header);
        gathered.put(publish.message().payload()).flip();
        assertEquals(whole, gathered);
    }
}
