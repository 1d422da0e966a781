package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.PublishFlow;
import java.nio.ByteBuffer;

/**
 * Encodes PUBACK, PUBREC, PUBREL and PUBCOMP (sections 3.4 to 3.7) in their shortest MQTT 5 form: 2 bytes of packet
 * id when successful without properties, 3 with a reason code and no properties. These are the most frequent
 * packets after PUBLISH, so the common case is 4 bytes with no sizing work.
 */
public final class PublishFlowEncoder {
    private PublishFlowEncoder() {}

    /** @return the total size of the packet */
    public static int size(PublishFlow packet, MqttVersion version) {
        return WireWriter.totalSize(remainingLength(packet, version, propertiesLength(packet, version)));
    }

    /**
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} is too small; nothing is written then
     */
    public static int encode(PublishFlow packet, MqttVersion version, ByteBuffer out) {
        int propertiesLength = propertiesLength(packet, version);
        int remaining = remainingLength(packet, version, propertiesLength);
        int total = WireWriter.totalSize(remaining);
        WireWriter.ensure(out, total);
        WireWriter.fixedHeader(out, packet.type().firstByte(), remaining);
        out.putShort((short) packet.packetId());
        if (remaining > 2) {
            out.put((byte) packet.reasonCode().value());
        }
        if (remaining > 3) {
            WireWriter.varInt(out, propertiesLength);
            WireWriter.stringProperty(out, packet.reasonString(), Property.REASON_STRING);
            WireWriter.userProperties(out, packet.userProperties());
        }
        return total;
    }

    private static int propertiesLength(PublishFlow packet, MqttVersion version) {
        if (version != MqttVersion.V5) {
            return 0;
        }
        return WireWriter.stringPropertySize(packet.reasonString(), Property.REASON_STRING)
                + WireWriter.userPropertiesSize(packet.userProperties());
    }

    private static int remainingLength(PublishFlow packet, MqttVersion version, int propertiesLength) {
        if (version != MqttVersion.V5) {
            return 2;
        }
        if (propertiesLength > 0) {
            return 3 + WireWriter.propertiesSize(propertiesLength);
        }
        return packet.reasonCode() == ReasonCode.SUCCESS ? 2 : 3;
    }
}
