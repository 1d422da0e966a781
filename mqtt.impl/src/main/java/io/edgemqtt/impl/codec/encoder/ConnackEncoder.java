package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.impl.codec.Connack;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.ReasonCodes;
import java.nio.ByteBuffer;

/** Encodes CONNACK (section 3.2); for test brokers and round-trip tests. Properties at their default are not sent. */
public final class ConnackEncoder {
    private ConnackEncoder() {}

    /** @return the total size of the packet */
    public static int size(Connack connack, MqttVersion version) {
        return WireWriter.totalSize(remainingLength(connack, version));
    }

    /**
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} is too small; nothing is written then
     */
    public static int encode(Connack connack, MqttVersion version, ByteBuffer out) {
        int remaining = remainingLength(connack, version);
        int total = WireWriter.totalSize(remaining);
        WireWriter.ensure(out, total);
        WireWriter.fixedHeader(out, PacketType.CONNACK.firstByte(), remaining);
        out.put((byte) (connack.sessionPresent() ? 1 : 0));
        if (version == MqttVersion.V3_1_1) {
            out.put((byte) ReasonCodes.toConnack311(connack.reasonCode()));
            return total;
        }
        out.put((byte) connack.reasonCode().value());
        WireWriter.varInt(out, propertiesLength(connack));
        if (connack.sessionExpirySeconds() != -1) {
            WireWriter.intProperty(out, Property.SESSION_EXPIRY_INTERVAL, connack.sessionExpirySeconds());
        }
        if (connack.receiveMaximum() != 0xFFFF) {
            WireWriter.shortProperty(out, Property.RECEIVE_MAXIMUM, connack.receiveMaximum());
        }
        if (connack.maximumQos() != Qos.EXACTLY_ONCE) {
            WireWriter.byteProperty(out, Property.MAXIMUM_QOS, connack.maximumQos().value());
        }
        if (!connack.retainAvailable()) {
            WireWriter.byteProperty(out, Property.RETAIN_AVAILABLE, 0);
        }
        if (connack.maximumPacketSize() != 0) {
            WireWriter.intProperty(out, Property.MAXIMUM_PACKET_SIZE, connack.maximumPacketSize());
        }
        WireWriter.stringProperty(out, connack.assignedClientIdentifier(), Property.ASSIGNED_CLIENT_IDENTIFIER);
        if (connack.topicAliasMaximum() != 0) {
            WireWriter.shortProperty(out, Property.TOPIC_ALIAS_MAXIMUM, connack.topicAliasMaximum());
        }
        WireWriter.stringProperty(out, connack.reasonString(), Property.REASON_STRING);
        WireWriter.userProperties(out, connack.userProperties());
        if (!connack.wildcardSubscriptionAvailable()) {
            WireWriter.byteProperty(out, Property.WILDCARD_SUBSCRIPTION_AVAILABLE, 0);
        }
        if (!connack.subscriptionIdentifiersAvailable()) {
            WireWriter.byteProperty(out, Property.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0);
        }
        if (!connack.sharedSubscriptionAvailable()) {
            WireWriter.byteProperty(out, Property.SHARED_SUBSCRIPTION_AVAILABLE, 0);
        }
        if (connack.serverKeepAliveSeconds() != -1) {
            WireWriter.shortProperty(out, Property.SERVER_KEEP_ALIVE, connack.serverKeepAliveSeconds());
        }
        WireWriter.stringProperty(out, connack.responseInformation(), Property.RESPONSE_INFORMATION);
        WireWriter.stringProperty(out, connack.serverReference(), Property.SERVER_REFERENCE);
        WireWriter.stringProperty(out, connack.authenticationMethod(), Property.AUTHENTICATION_METHOD);
        WireWriter.binaryProperty(out, connack.authenticationData(), Property.AUTHENTICATION_DATA);
        return total;
    }

    private static int remainingLength(Connack connack, MqttVersion version) {
        if (version == MqttVersion.V3_1_1) {
            if (ReasonCodes.toConnack311(connack.reasonCode()) < 0) {
                throw new IllegalArgumentException(connack.reasonCode() + " has no MQTT 3.1.1 CONNACK return code");
            }
            return 2;
        }
        return 2 + WireWriter.propertiesSize(propertiesLength(connack));
    }

    private static int propertiesLength(Connack connack) {
        int length = 0;
        length += connack.sessionExpirySeconds() != -1 ? 5 : 0;
        length += connack.receiveMaximum() != 0xFFFF ? 3 : 0;
        length += connack.maximumQos() != Qos.EXACTLY_ONCE ? 2 : 0;
        length += connack.retainAvailable() ? 0 : 2;
        length += connack.maximumPacketSize() != 0 ? 5 : 0;
        length += WireWriter.stringPropertySize(connack.assignedClientIdentifier(),
                Property.ASSIGNED_CLIENT_IDENTIFIER);
        length += connack.topicAliasMaximum() != 0 ? 3 : 0;
        length += WireWriter.stringPropertySize(connack.reasonString(), Property.REASON_STRING);
        length += WireWriter.userPropertiesSize(connack.userProperties());
        length += connack.wildcardSubscriptionAvailable() ? 0 : 2;
        length += connack.subscriptionIdentifiersAvailable() ? 0 : 2;
        length += connack.sharedSubscriptionAvailable() ? 0 : 2;
        length += connack.serverKeepAliveSeconds() != -1 ? 3 : 0;
        length += WireWriter.stringPropertySize(connack.responseInformation(), Property.RESPONSE_INFORMATION);
        length += WireWriter.stringPropertySize(connack.serverReference(), Property.SERVER_REFERENCE);
        length += WireWriter.stringPropertySize(connack.authenticationMethod(), Property.AUTHENTICATION_METHOD);
        length += WireWriter.binaryPropertySize(connack.authenticationData(), Property.AUTHENTICATION_DATA);
        return length;
    }
}
