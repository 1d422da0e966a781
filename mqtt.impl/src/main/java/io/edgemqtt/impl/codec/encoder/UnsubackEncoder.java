package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.Unsuback;
import java.nio.ByteBuffer;
import java.util.List;

/** Encodes UNSUBACK (section 3.11); on 3.1.1 only the packet identifier. For test brokers and round trips. */
public final class UnsubackEncoder {
    private UnsubackEncoder() {}

    /** @return the total size of the packet */
    public static int size(Unsuback packet, MqttVersion version) {
        return WireWriter.totalSize(remainingLength(packet, version, propertiesLength(packet, version)));
    }

    /**
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} is too small; nothing is written then
     */
    public static int encode(Unsuback packet, MqttVersion version, ByteBuffer out) {
        int propertiesLength = propertiesLength(packet, version);
        int remaining = remainingLength(packet, version, propertiesLength);
        int total = WireWriter.totalSize(remaining);
        WireWriter.ensure(out, total);
        WireWriter.fixedHeader(out, PacketType.UNSUBACK.firstByte(), remaining);
        out.putShort((short) packet.packetId());
        if (version == MqttVersion.V5) {
            WireWriter.varInt(out, propertiesLength);
            WireWriter.stringProperty(out, packet.reasonString(), Property.REASON_STRING);
            WireWriter.userProperties(out, packet.userProperties());
            List<ReasonCode> codes = packet.reasonCodes();
            for (int i = 0, n = codes.size(); i < n; i++) {
                out.put((byte) codes.get(i).value());
            }
        }
        return total;
    }

    private static int propertiesLength(Unsuback packet, MqttVersion version) {
        if (version != MqttVersion.V5) {
            return 0;
        }
        return WireWriter.stringPropertySize(packet.reasonString(), Property.REASON_STRING)
                + WireWriter.userPropertiesSize(packet.userProperties());
    }

    private static int remainingLength(Unsuback packet, MqttVersion version, int propertiesLength) {
        if (version != MqttVersion.V5) {
            return 2;
        }
        if (packet.reasonCodes().isEmpty()) {
            throw new IllegalArgumentException("an MQTT 5 UNSUBACK needs one reason code per topic filter");
        }
        return 2 + WireWriter.propertiesSize(propertiesLength) + packet.reasonCodes().size();
    }
}
