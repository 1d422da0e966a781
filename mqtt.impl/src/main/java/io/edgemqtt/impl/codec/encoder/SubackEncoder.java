package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.Suback;
import java.nio.ByteBuffer;
import java.util.List;

/** Encodes SUBACK (section 3.9); on 3.1.1 every failure code becomes 0x80. For test brokers and round trips. */
public final class SubackEncoder {
    private SubackEncoder() {}

    /** @return the total size of the packet */
    public static int size(Suback packet, MqttVersion version) {
        return WireWriter.totalSize(remainingLength(packet, version, propertiesLength(packet, version)));
    }

    /**
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} is too small; nothing is written then
     */
    public static int encode(Suback packet, MqttVersion version, ByteBuffer out) {
        int propertiesLength = propertiesLength(packet, version);
        int remaining = remainingLength(packet, version, propertiesLength);
        int total = WireWriter.totalSize(remaining);
        WireWriter.ensure(out, total);
        WireWriter.fixedHeader(out, PacketType.SUBACK.firstByte(), remaining);
        out.putShort((short) packet.packetId());
        boolean v5 = version == MqttVersion.V5;
        if (v5) {
            WireWriter.varInt(out, propertiesLength);
            WireWriter.stringProperty(out, packet.reasonString(), Property.REASON_STRING);
            WireWriter.userProperties(out, packet.userProperties());
        }
        List<ReasonCode> codes = packet.reasonCodes();
        for (int i = 0, n = codes.size(); i < n; i++) {
            int value = codes.get(i).value();
            out.put((byte) (v5 || value < 0x80 ? value : 0x80));
        }
        return total;
    }

    private static int propertiesLength(Suback packet, MqttVersion version) {
        if (version != MqttVersion.V5) {
            return 0;
        }
        return WireWriter.stringPropertySize(packet.reasonString(), Property.REASON_STRING)
                + WireWriter.userPropertiesSize(packet.userProperties());
    }

    private static int remainingLength(Suback packet, MqttVersion version, int propertiesLength) {
        return 2 + (version == MqttVersion.V5 ? WireWriter.propertiesSize(propertiesLength) : 0)
                + packet.reasonCodes().size();
    }
}
