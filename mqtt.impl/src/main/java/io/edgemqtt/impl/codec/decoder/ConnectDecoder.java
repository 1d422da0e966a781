package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;
import static io.edgemqtt.impl.codec.MalformedPacketException.protocolError;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.impl.codec.Connect;
import io.edgemqtt.impl.codec.MalformedPacketException;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decodes CONNECT (section 3.1). A client never receives one; this exists so round-trip tests cover every type and a
 * test broker can reuse the codec.
 */
public final class ConnectDecoder {
    private static final String PACKET = "CONNECT";
    private static final int CONTEXT = PacketType.CONNECT.value();

    private ConnectDecoder() {}

    /**
     * @param in the variable header onwards, limited to the packet
     * @param version the protocol version expected; a different protocol level is rejected
     * @return the packet
     */
    public static Connect decode(ByteBuffer in, MqttVersion version) {
        boolean v5 = version == MqttVersion.V5;
        String protocolName = WireReader.utf8(in, "CONNECT Protocol Name", version);
        if (!"MQTT".equals(protocolName)) {
            throw malformed("[MQTT-3.1.2-1] CONNECT Protocol Name must be 'MQTT', was '" + protocolName + "'");
        }
        int level = WireReader.u8(in, "CONNECT Protocol Level");
        if (level != version.protocolLevel()) {
            throw new MalformedPacketException(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, "[MQTT-3.1.2-2] CONNECT"
                    + " Protocol Level " + level + " is not the expected " + version.protocolLevel());
        }
        int flags = WireReader.u8(in, "CONNECT Flags");
        if ((flags & 1) != 0) {
            throw malformed("[MQTT-3.1.2-3] CONNECT Flags bit 0 is reserved and must be 0");
        }
        boolean willFlag = (flags & 0x04) != 0;
        int willQos = (flags >> 3) & 0b11;
        boolean willRetain = (flags & 0x20) != 0;
        boolean hasPassword = (flags & 0x40) != 0;
        boolean hasUsername = (flags & 0x80) != 0;
        if (willQos == 3) {
            throw malformed("[" + (v5 ? "MQTT-3.1.2-12" : "MQTT-3.1.2-14") + "] CONNECT Will QoS must not be 3");
        }
        if (!willFlag && (willQos != 0 || willRetain)) {
            throw malformed("[" + (v5 ? "MQTT-3.1.2-11" : "MQTT-3.1.2-13")
                    + "] CONNECT Will QoS and Will Retain must be 0 when the Will Flag is 0");
        }
        if (!v5 && hasPassword && !hasUsername) {
            throw malformed("[MQTT-3.1.2-22] CONNECT Password Flag is set without the User Name Flag");
        }
        int keepAlive = WireReader.u16(in, "CONNECT Keep Alive");
        Fields fields = new Fields();
        if (v5) {
            readProperties(in, fields, version);
        }
        String clientId = WireReader.utf8(in, "CONNECT Client Identifier", version);
        Connect.Builder builder = Connect.builder(version, clientId).cleanStart((flags & 0x02) != 0).keepAlive(keepAlive);
        if (willFlag) {
            MqttMessage.Builder will = MqttMessage.builder("").qos(Qos.of(willQos)).retain(willRetain);
            long willDelay = v5 ? readWillProperties(in, will, version) : 0;
            String willTopic = WireReader.utf8(in, "CONNECT Will Topic", version);
            if (willTopic.isEmpty() || PublishDecoder.hasWildcard(willTopic)) {
                throw malformed("[MQTT-3.3.2-2] CONNECT Will Topic must be a topic name without wildcards, was '"
                        + willTopic + "'");
            }
            int payloadLength = WireReader.u16(in, "CONNECT Will Payload length");
            int outer = WireReader.narrow(in, payloadLength, "CONNECT Will Payload");
            will.topic(willTopic).payload(in);
            in.position(in.limit()).limit(outer);
            builder.will(will.build(), willDelay);
        }
        if (hasUsername) {
            builder.username(WireReader.utf8(in, "CONNECT User Name", version));
        }
        if (hasPassword) {
            builder.password(WireReader.binary(in, "CONNECT Password"));
        }
        if (v5) {
            builder.sessionExpiry(fields.sessionExpiry).receiveMaximum(fields.receiveMaximum)
                    .maximumPacketSize(fields.maximumPacketSize).topicAliasMaximum(fields.topicAliasMaximum)
                    .requestResponseInformation(fields.requestResponseInformation)
                    .requestProblemInformation(fields.requestProblemInformation)
                    .authentication(fields.authenticationMethod, fields.authenticationData);
            if (fields.users != null) {
                builder.userProperties(fields.users);
            }
        }
        return builder.build();
    }

    /** CONNECT properties come before the client id, which the builder needs first; they wait here. */
    private static final class Fields {
        long sessionExpiry;
        int receiveMaximum = 0xFFFF;
        long maximumPacketSize;
        int topicAliasMaximum;
        boolean requestResponseInformation;
        boolean requestProblemInformation = true;
        List<UserProperty> users;
        String authenticationMethod;
        byte[] authenticationData;
    }

    private static void readProperties(ByteBuffer in, Fields fields, MqttVersion version) {
        int outer = PropertyReader.open(in, PACKET);
        long seen = 0;
        while (in.hasRemaining()) {
            Property property = PropertyReader.next(in, CONTEXT, PACKET);
            seen = PropertyReader.once(property, CONTEXT, seen, PACKET);
            switch (property) {
                case SESSION_EXPIRY_INTERVAL:
                    fields.sessionExpiry = WireReader.u32(in, property.displayName());
                    break;
                case RECEIVE_MAXIMUM:
                    fields.receiveMaximum = PropertyReader.nonZeroU16(in, property, PACKET);
                    break;
                case MAXIMUM_PACKET_SIZE:
                    fields.maximumPacketSize = PropertyReader.nonZeroU32(in, property, PACKET);
                    break;
                case TOPIC_ALIAS_MAXIMUM:
                    fields.topicAliasMaximum = WireReader.u16(in, property.displayName());
                    break;
                case REQUEST_RESPONSE_INFORMATION:
                    fields.requestResponseInformation = PropertyReader.flag(in, property, PACKET);
                    break;
                case REQUEST_PROBLEM_INFORMATION:
                    fields.requestProblemInformation = PropertyReader.flag(in, property, PACKET);
                    break;
                case USER_PROPERTY:
                    fields.users = PropertyReader.user(in, fields.users, version);
                    break;
                case AUTHENTICATION_METHOD:
                    fields.authenticationMethod = PropertyReader.utf8(in, property, version);
                    break;
                case AUTHENTICATION_DATA:
                    fields.authenticationData = WireReader.binary(in, property.displayName());
                    break;
                default:
                    throw new IllegalStateException(property + " passed the CONNECT context check");
            }
        }
        in.limit(outer);
        if (fields.authenticationData != null && fields.authenticationMethod == null) {
            throw protocolError("protocol error: CONNECT carries Authentication Data without an Authentication"
                    + " Method (section 3.1.2.11.10)");
        }
    }

    /** @return the will delay interval, 0 if absent */
    private static long readWillProperties(ByteBuffer in, MqttMessage.Builder will, MqttVersion version) {
        String block = "CONNECT Will Properties";
        int context = Property.WILL_CONTEXT;
        int outer = PropertyReader.open(in, block);
        long seen = 0;
        long willDelay = 0;
        List<UserProperty> users = null;
        while (in.hasRemaining()) {
            Property property = PropertyReader.next(in, context, block);
            seen = PropertyReader.once(property, context, seen, block);
            switch (property) {
                case WILL_DELAY_INTERVAL:
                    willDelay = WireReader.u32(in, property.displayName());
                    break;
                case PAYLOAD_FORMAT_INDICATOR:
                    will.payloadUtf8(PropertyReader.flag(in, property, block));
                    break;
                case MESSAGE_EXPIRY_INTERVAL:
                    will.messageExpiryInterval(WireReader.u32(in, property.displayName()));
                    break;
                case CONTENT_TYPE:
                    will.contentType(PropertyReader.utf8(in, property, version));
                    break;
                case RESPONSE_TOPIC:
                    will.responseTopic(PropertyReader.utf8(in, property, version));
                    break;
                case CORRELATION_DATA:
                    will.correlationData(WireReader.binary(in, property.displayName()));
                    break;
                case USER_PROPERTY:
                    users = PropertyReader.user(in, users, version);
                    break;
                default:
                    throw new IllegalStateException(property + " passed the will context check");
            }
        }
        in.limit(outer);
        if (users != null) {
            will.userProperties(users);
        }
        return willDelay;
    }
}
