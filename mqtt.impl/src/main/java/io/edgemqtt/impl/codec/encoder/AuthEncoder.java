package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.Auth;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import java.nio.ByteBuffer;

/** Encodes AUTH (MQTT 5 only, section 3.15); empty for a success without properties. */
public final class AuthEncoder {
    private AuthEncoder() {}

    /** @return the total size of the packet */
    public static int size(Auth packet, MqttVersion version) {
        return WireWriter.totalSize(remainingLength(version, packet, propertiesLength(packet)));
    }

    /**
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} is too small; nothing is written then
     */
    public static int encode(Auth packet, MqttVersion version, ByteBuffer out) {
        int propertiesLength = propertiesLength(packet);
        int remaining = remainingLength(version, packet, propertiesLength);
        int total = WireWriter.totalSize(remaining);
        WireWriter.ensure(out, total);
        WireWriter.fixedHeader(out, PacketType.AUTH.firstByte(), remaining);
        if (remaining > 0) {
            out.put((byte) packet.reasonCode().value());
            WireWriter.varInt(out, propertiesLength);
            WireWriter.stringProperty(out, packet.authenticationMethod(), Property.AUTHENTICATION_METHOD);
            WireWriter.binaryProperty(out, packet.authenticationData(), Property.AUTHENTICATION_DATA);
            WireWriter.stringProperty(out, packet.reasonString(), Property.REASON_STRING);
            WireWriter.userProperties(out, packet.userProperties());
        }
        return total;
    }

    private static int propertiesLength(Auth packet) {
        return WireWriter.stringPropertySize(packet.authenticationMethod(), Property.AUTHENTICATION_METHOD)
                + WireWriter.binaryPropertySize(packet.authenticationData(), Property.AUTHENTICATION_DATA)
                + WireWriter.stringPropertySize(packet.reasonString(), Property.REASON_STRING)
                + WireWriter.userPropertiesSize(packet.userProperties());
    }

    private static int remainingLength(MqttVersion version, Auth packet, int propertiesLength) {
        if (version != MqttVersion.V5) {
            throw new IllegalArgumentException("AUTH does not exist in MQTT 3.1.1");
        }
        if (propertiesLength == 0 && packet.reasonCode() == ReasonCode.SUCCESS) {
            return 0;
        }
        return 1 + WireWriter.propertiesSize(propertiesLength);
    }
}
