package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.ReasonCodes;
import io.edgemqtt.impl.codec.Suback;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Decodes SUBACK (section 3.9). MQTT 3.1.1 return codes: 0, 1, 2 grant a QoS, 0x80 is a failure. */
public final class SubackDecoder {
    private static final String PACKET = "SUBACK";
    private static final int CONTEXT = PacketType.SUBACK.value();

    private SubackDecoder() {}

    /**
     * @param in the variable header onwards, limited to the packet
     * @param version the connection's protocol version
     * @return the packet
     */
    public static Suback decode(ByteBuffer in, MqttVersion version) {
        int packetId = WireReader.packetId(in, PACKET, version);
        ReasonProperties properties = version == MqttVersion.V5
                ? ReasonProperties.read(in, CONTEXT, PACKET, version)
                : new ReasonProperties(null, null);
        if (!in.hasRemaining()) {
            throw malformed("malformed packet: SUBACK carries no reason code (one per topic filter, section 3.9.3)");
        }
        List<ReasonCode> codes = new ArrayList<>(in.remaining());
        while (in.hasRemaining()) {
            int value = in.get() & 0xFF;
            ReasonCode code = version == MqttVersion.V5 ? ReasonCodes.decode(PacketType.SUBACK, value)
                    : returnCode311(value);
            if (code == null) {
                throw malformed(version == MqttVersion.V5
                        ? "malformed packet: 0x" + Integer.toHexString(value) + " is not a SUBACK reason code"
                                + " (section 3.9.3)"
                        : "[MQTT-3.9.3-2] SUBACK return code 0x" + Integer.toHexString(value) + " is reserved");
            }
            codes.add(code);
        }
        return new Suback(packetId, codes, properties.reasonString(), properties.users());
    }

    private static ReasonCode returnCode311(int value) {
        switch (value) {
            case 0:
                return ReasonCode.GRANTED_QOS_0;
            case 1:
                return ReasonCode.GRANTED_QOS_1;
            case 2:
                return ReasonCode.GRANTED_QOS_2;
            case 0x80:
                return ReasonCode.UNSPECIFIED_ERROR;
            default:
                return null;
        }
    }
}
