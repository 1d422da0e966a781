package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.PublishFlow;
import io.edgemqtt.impl.codec.ReasonCodes;
import java.nio.ByteBuffer;

/**
 * Decodes PUBACK, PUBREC, PUBREL and PUBCOMP (sections 3.4 to 3.7). In MQTT 5 the reason code is absent when the
 * Remaining Length is 2 (success) and the property block is absent when it is 3.
 */
public final class PublishFlowDecoder {
    private PublishFlowDecoder() {}

    /**
     * @param in the variable header onwards, limited to the packet
     * @param type PUBACK, PUBREC, PUBREL or PUBCOMP
     * @param version the connection's protocol version
     * @return the packet
     */
    public static PublishFlow decode(ByteBuffer in, PacketType type, MqttVersion version) {
        String packet = type.name();
        int packetId = WireReader.packetId(in, packet, version);
        if (version == MqttVersion.V3_1_1 || !in.hasRemaining()) {
            return PublishFlow.of(type, packetId);
        }
        int value = in.get() & 0xFF; // a byte remains: checked just above
        ReasonCode code = ReasonCodes.decode(type, value);
        if (code == null) {
            throw malformed("malformed packet: 0x" + Integer.toHexString(value) + " is not a " + packet
                    + " reason code (section 2.4)");
        }
        if (!in.hasRemaining()) {
            return PublishFlow.of(type, packetId, code);
        }
        ReasonProperties properties = ReasonProperties.read(in, type.value(), packet, version);
        return new PublishFlow(type, packetId, code, properties.reasonString(), properties.users());
    }
}
