package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.impl.codec.Connect;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import java.nio.ByteBuffer;

/** Encodes CONNECT (section 3.1). Sent once per connection, so clarity wins over caching sizes. */
public final class ConnectEncoder {
    private static final byte[] PROTOCOL_NAME = {0, 4, 'M', 'Q', 'T', 'T'};

    private ConnectEncoder() {}

    /** @return the total size of the packet */
    public static int size(Connect connect, MqttVersion version) {
        return WireWriter.totalSize(remainingLength(connect, version));
    }

    /**
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} is too small; nothing is written then
     */
    public static int encode(Connect connect, MqttVersion version, ByteBuffer out) {
        int remaining = remainingLength(connect, version);
        int total = WireWriter.totalSize(remaining);
        WireWriter.ensure(out, total);
        boolean v5 = version == MqttVersion.V5;
        MqttMessage will = connect.will();

        WireWriter.fixedHeader(out, PacketType.CONNECT.firstByte(), remaining);
        out.put(PROTOCOL_NAME);
        out.put((byte) version.protocolLevel());
        int flags = (connect.cleanStart() ? 0x02 : 0)
                | (will != null ? 0x04 | will.qos().value() << 3 | (will.isRetain() ? 0x20 : 0) : 0)
                | (connect.password() != null ? 0x40 : 0)
                | (connect.username() != null ? 0x80 : 0);
        out.put((byte) flags);
        out.putShort((short) connect.keepAliveSeconds());
        if (v5) {
            writeProperties(out, connect);
        }
        WireWriter.utf8(out, connect.clientId());
        if (will != null) {
            if (v5) {
                WireWriter.varInt(out, willPropertiesLength(connect));
                if (connect.willDelaySeconds() != 0) {
                    WireWriter.intProperty(out, Property.WILL_DELAY_INTERVAL, connect.willDelaySeconds());
                }
                PublishEncoder.writeMessageProperties(out, will);
            }
            WireWriter.utf8(out, will.topic());
            out.putShort((short) will.payloadSize());
            out.put(will.payload());
        }
        if (connect.username() != null) {
            WireWriter.utf8(out, connect.username());
        }
        if (connect.password() != null) {
            WireWriter.binary(out, connect.password());
        }
        return total;
    }

    private static int remainingLength(Connect connect, MqttVersion version) {
        if (connect.version() != version) {
            throw new IllegalArgumentException("CONNECT for " + connect.version() + " encoded as " + version);
        }
        boolean v5 = version == MqttVersion.V5;
        if (!v5 && connect.password() != null && connect.username() == null) {
            throw WireWriter.invalid("[MQTT-3.1.2-22] MQTT 3.1.1 allows a password only together with a user name");
        }
        int length = PROTOCOL_NAME.length + 1 + 1 + 2;
        if (v5) {
            length += WireWriter.propertiesSize(propertiesLength(connect));
        }
        length += WireWriter.utf8Size(connect.clientId(), "Client Identifier");
        MqttMessage will = connect.will();
        if (will != null) {
            if (v5) {
                length += WireWriter.propertiesSize(willPropertiesLength(connect));
            }
            length += WireWriter.utf8Size(will.topic(), "Will Topic");
            if (will.payloadSize() > 0xFFFF) {
                throw WireWriter.invalid("[MQTT-3.1.3] Will Payload is " + will.payloadSize()
                        + " bytes, more than 65535");
            }
            length += 2 + will.payloadSize();
        }
        if (connect.username() != null) {
            length += WireWriter.utf8Size(connect.username(), "User Name");
        }
        if (connect.password() != null) {
            length += WireWriter.binarySize(connect.password(), "Password");
        }
        return length;
    }

    private static int propertiesLength(Connect connect) {
        int length = 0;
        if (connect.sessionExpirySeconds() != 0) {
            length += 5;
        }
        if (connect.receiveMaximum() != 0xFFFF) {
            length += 3;
        }
        if (connect.maximumPacketSize() != 0) {
            length += 5;
        }
        if (connect.topicAliasMaximum() != 0) {
            length += 3;
        }
        if (connect.requestResponseInformation()) {
            length += 2;
        }
        if (!connect.requestProblemInformation()) {
            length += 2;
        }
        length += WireWriter.userPropertiesSize(connect.userProperties());
        length += WireWriter.stringPropertySize(connect.authenticationMethod(), Property.AUTHENTICATION_METHOD);
        length += WireWriter.binaryPropertySize(connect.authenticationData(), Property.AUTHENTICATION_DATA);
        return length;
    }

    private static void writeProperties(ByteBuffer out, Connect connect) {
        WireWriter.varInt(out, propertiesLength(connect));
        if (connect.sessionExpirySeconds() != 0) {
            WireWriter.intProperty(out, Property.SESSION_EXPIRY_INTERVAL, connect.sessionExpirySeconds());
        }
        if (connect.receiveMaximum() != 0xFFFF) {
            WireWriter.shortProperty(out, Property.RECEIVE_MAXIMUM, connect.receiveMaximum());
        }
        if (connect.maximumPacketSize() != 0) {
            WireWriter.intProperty(out, Property.MAXIMUM_PACKET_SIZE, connect.maximumPacketSize());
        }
        if (connect.topicAliasMaximum() != 0) {
            WireWriter.shortProperty(out, Property.TOPIC_ALIAS_MAXIMUM, connect.topicAliasMaximum());
        }
        if (connect.requestResponseInformation()) {
            WireWriter.byteProperty(out, Property.REQUEST_RESPONSE_INFORMATION, 1);
        }
        if (!connect.requestProblemInformation()) {
            WireWriter.byteProperty(out, Property.REQUEST_PROBLEM_INFORMATION, 0);
        }
        WireWriter.userProperties(out, connect.userProperties());
        WireWriter.stringProperty(out, connect.authenticationMethod(), Property.AUTHENTICATION_METHOD);
        WireWriter.binaryProperty(out, connect.authenticationData(), Property.AUTHENTICATION_DATA);
    }

    private static int willPropertiesLength(Connect connect) {
        return (connect.willDelaySeconds() != 0 ? 5 : 0) + PublishEncoder.messagePropertiesLength(connect.will());
    }
}
