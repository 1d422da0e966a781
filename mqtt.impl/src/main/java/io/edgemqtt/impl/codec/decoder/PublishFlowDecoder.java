package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.PublishFlow;
import io.edgemqtt.impl.codec.ReasonCodes;
import java.nio.ByteBuffer;
import java.util.List;

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
        if (!in.hasRemaining()) { // the name is joined only on failure: this runs for every acknowledgement
            throw WireReader.truncated(in, packet + " Reason Code", 1);
        }
        int value = in.get() & 0xFF;
        ReasonCode code = ReasonCodes.decode(type, value);
        if (code == null) {
            throw malformed("malformed packet: 0x" + Integer.toHexString(value) + " is not a " + packet
                    + " reason code (section 2.4)");
        }
        if (!in.hasRemaining()) {
            return PublishFlow.of(type, packetId, code);
        }
        int context = type.value();
        int outer = PropertyReader.open(in, packet);
        long seen = 0;
        String reasonString = null;
        List<UserProperty> users = null;
        while (in.hasRemaining()) {
            Property property = PropertyReader.next(in, context, packet);
            seen = PropertyReader.once(property, context, seen, packet);
            if (property == Property.REASON_STRING) {
                reasonString = PropertyReader.utf8(in, property, version);
            } else {
                users = PropertyReader.user(in, users, version);
            }
        }
        in.limit(outer);
        return new PublishFlow(type, packetId, code, reasonString, users);
    }
}
