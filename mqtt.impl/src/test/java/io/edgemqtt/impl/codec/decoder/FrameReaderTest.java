package io.edgemqtt.impl.codec.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.Hex;
import io.edgemqtt.impl.codec.MalformedPacketException;
import io.edgemqtt.impl.codec.PingResp;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fixed header: Remaining Length forms, need-more, and the size limit applied before the body arrives. */
class FrameReaderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "30 00, 2",
        "30 7F, 129",
        "30 80 01, 131",
        "30 FF 7F, 16386",
        "30 80 80 01, 16388",
        "30 FF FF 7F, 2097155",
        "30 80 80 80 01, 2097157",
        "30 FF FF FF 7F, 268435460"
    })
    void readsEveryRemainingLengthSizeUpToFourBytes(String header, int total) {
        ByteBuffer in = Hex.buffer(header);
        assertEquals(total, FrameReader.frameLength(in, MqttVersion.V5, 0));
        assertEquals(0, in.position(), "framing does not consume");
    }

    @ParameterizedTest
    @CsvSource({"''", "30", "30 80", "30 FF FF", "30 80 80 80"})
    void waitsForAnIncompleteFixedHeader(String hex) {
        assertEquals(FrameReader.NEED_MORE, FrameReader.frameLength(Hex.buffer(hex), MqttVersion.V5, 0));
    }

    @ParameterizedTest
    @CsvSource({"30 80 00", "30 80 80 00", "30 FF 80 80 00", "30 80 80 80 00"})
    void rejectsNonMinimalRemainingLength(String hex) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> FrameReader.frameLength(Hex.buffer(hex), MqttVersion.V3_1_1, 0));
        assertEquals(ReasonCode.MALFORMED_PACKET, e.reasonCode());
    }

    @Test
    void rejectsATooLargePacketBeforeItsBodyIsBuffered() {
        // a PUBLISH announcing 1000 bytes of which none has arrived yet
        ByteBuffer in = Hex.buffer("30 E8 07");
        PacketDecoder decoder = new PacketDecoder(MqttVersion.V5, 100);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> decoder.decode(in));
        assertEquals(ReasonCode.PACKET_TOO_LARGE, e.reasonCode());
        assertEquals(0, in.position());
    }

    @Test
    void acceptsAPacketOfExactlyTheMaximumSize() {
        assertEquals(1003, FrameReader.frameLength(Hex.buffer("30 E8 07"), MqttVersion.V5, 1003));
        assertEquals(PingResp.INSTANCE, new PacketDecoder(MqttVersion.V5, 2).decode(Hex.buffer("D0 00")));
    }

    @Test
    void checksTheFirstByteAsSoonAsItArrives() {
        assertThrows(MalformedPacketException.class,
                () -> FrameReader.frameLength(Hex.buffer("63"), MqttVersion.V5, 0));
    }

    @Test
    void leavesAnIncompleteBodyUnconsumed() {
        ByteBuffer in = Hex.buffer("30 07 00 03 61 2F");
        assertNull(new PacketDecoder(MqttVersion.V3_1_1, 0).decode(in));
        assertEquals(0, in.position());
        assertEquals(6, in.limit());
    }
}
