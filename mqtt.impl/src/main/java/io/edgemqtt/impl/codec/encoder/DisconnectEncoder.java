package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.Disconnect;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import java.nio.ByteBuffer;

/**
 * Encodes DISCONNECT (section 3.14) in its shortest form: no content for a normal disconnection without properties
 * (and always on 3.1.1), only the reason code when there are no properties.
 */
public final class DisconnectEncoder {
    private DisconnectEncoder() {}

    /** @return the total size of the packet */
    public static int size(Disconnect packet, MqttVersion version) {
        return WireWriter.totalSize(remainingLength(packet, version, propertiesLength(packet, version)));
    }

    /**
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} is too small; nothing is written then
     */
    public static int encode(Disconnect packet, MqttVersion version, ByteBuffer out) {
        int propertiesLength = propertiesLength(packet, version);
        int remaining = remainingLength(packet, version, propertiesLength);
        int total = WireWriter.totalSize(remaining);
        WireWriter.ensure(out, total);
        WireWriter.fixedHeader(out, PacketType.DISCONNECT.firstByte(), remaining);
        if (remaining > 0) {
            out.put((byte) packet.reasonCode().value());
        }
        if (remaining > 1) {
            WireWriter.varInt(out, propertiesLength);
            if (packet.sessionExpirySeconds() != -1) {
                WireWriter.intProperty(out, Property.SESSION_EXPIRY_INTERVAL, packet.sessionExpirySeconds());
            }
            WireWriter.stringProperty(out, packet.reasonString(), Property.REASON_STRING);
            WireWriter.stringProperty(out, packet.serverReference(), Property.SERVER_REFERENCE);
            WireWriter.userProperties(out, packet.userProperties());
        }
        return total;
    }

    private static int propertiesLength(Disconnect packet, MqttVersion version) {
        if (version != MqttVersion.V5) {
            return 0;
        }
        return (packet.sessionExpirySeconds() != -1 ? 5 : 0)
                + WireWriter.stringPropertySize(packet.reasonString(), Property.REASON_STRING)
                + WireWriter.stringPropertySize(packet.serverReference(), Property.SERVER_REFERENCE)
                + WireWriter.userPropertiesSize(packet.userProperties());
    }

    private static int remainingLength(Disconnect packet, MqttVersion version, int propertiesLength) {
        if (version != MqttVersion.V5) {
            return 0;
        }
        if (propertiesLength > 0) {
            return 1 + WireWriter.propertiesSize(propertiesLength);
        }
        return packet.reasonCode() == ReasonCode.NORMAL_DISCONNECTION ? 0 : 1;
    }
}
