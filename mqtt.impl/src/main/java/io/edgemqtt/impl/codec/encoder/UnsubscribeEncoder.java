package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Unsubscribe;
import java.nio.ByteBuffer;
import java.util.List;

/** Encodes UNSUBSCRIBE (section 3.10). */
public final class UnsubscribeEncoder {
    private UnsubscribeEncoder() {}

    /** @return the total size of the packet */
    public static int size(Unsubscribe packet, MqttVersion version) {
        return WireWriter.totalSize(remainingLength(packet, version, propertiesLength(packet, version)));
    }

    /**
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} is too small; nothing is written then
     */
    public static int encode(Unsubscribe packet, MqttVersion version, ByteBuffer out) {
        int propertiesLength = propertiesLength(packet, version);
        int remaining = remainingLength(packet, version, propertiesLength);
        int total = WireWriter.totalSize(remaining);
        WireWriter.ensure(out, total);
        WireWriter.fixedHeader(out, PacketType.UNSUBSCRIBE.firstByte(), remaining);
        out.putShort((short) packet.packetId());
        if (version == MqttVersion.V5) {
            WireWriter.varInt(out, propertiesLength);
            WireWriter.userProperties(out, packet.userProperties());
        }
        List<String> filters = packet.topicFilters();
        for (int i = 0, n = filters.size(); i < n; i++) {
            WireWriter.utf8(out, filters.get(i));
        }
        return total;
    }

    private static int propertiesLength(Unsubscribe packet, MqttVersion version) {
        return version == MqttVersion.V5 ? WireWriter.userPropertiesSize(packet.userProperties()) : 0;
    }

    private static int remainingLength(Unsubscribe packet, MqttVersion version, int propertiesLength) {
        int length = 2 + (version == MqttVersion.V5 ? WireWriter.propertiesSize(propertiesLength) : 0);
        List<String> filters = packet.topicFilters();
        for (int i = 0, n = filters.size(); i < n; i++) {
            length += WireWriter.utf8Size(filters.get(i), "Topic Filter");
        }
        return length;
    }
}
