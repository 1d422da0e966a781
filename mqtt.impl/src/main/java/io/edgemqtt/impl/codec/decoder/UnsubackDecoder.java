package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.ReasonCodes;
import io.edgemqtt.impl.codec.Unsuback;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Decodes UNSUBACK (section 3.11). In MQTT 3.1.1 it is only a packet identifier. */
public final class UnsubackDecoder {
    private static final String PACKET = "UNSUBACK";
    private static final int CONTEXT = PacketType.UNSUBACK.value();

    private UnsubackDecoder() {}

    /**
     * @param in the variable header onwards, limited to the packet
     * @param version the connection's protocol version
     * @return the packet
     */
    public static Unsuback decode(ByteBuffer in, MqttVersion version) {
        int packetId = WireReader.packetId(in, PACKET, version);
        if (version == MqttVersion.V3_1_1) {
            return new Unsuback(packetId, List.of(), null, List.of());
        }
        ReasonProperties properties = ReasonProperties.read(in, CONTEXT, PACKET, version);
        if (!in.hasRemaining()) {
            throw malformed("malformed packet: UNSUBACK carries no reason code (one per topic filter, section 3.11.3)");
        }
        List<ReasonCode> codes = new ArrayList<>(in.remaining());
        while (in.hasRemaining()) {
            int value = in.get() & 0xFF;
            ReasonCode code = ReasonCodes.decode(PacketType.UNSUBACK, value);
            if (code == null) {
                throw malformed("malformed packet: 0x" + Integer.toHexString(value)
                        + " is not an UNSUBACK reason code (section 3.11.3)");
            }
            codes.add(code);
        }
        return new Unsuback(packetId, codes, properties.reasonString(), properties.users());
    }
}
