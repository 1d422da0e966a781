package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;
import static io.edgemqtt.impl.codec.MalformedPacketException.protocolError;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.impl.codec.Connack;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.ReasonCodes;
import java.nio.ByteBuffer;
import java.util.List;

/** Decodes CONNACK (section 3.2). */
public final class ConnackDecoder {
    private static final String PACKET = "CONNACK";
    private static final int CONTEXT = PacketType.CONNACK.value();

    private ConnackDecoder() {}

    /**
     * @param in the variable header onwards, limited to the packet
     * @param version the connection's protocol version
     * @return the packet
     */
    public static Connack decode(ByteBuffer in, MqttVersion version) {
        int ackFlags = WireReader.u8(in, "CONNACK Acknowledge Flags");
        if ((ackFlags & 0xFE) != 0) {
            throw malformed("[" + (version == MqttVersion.V5 ? "MQTT-3.2.2-1" : "MQTT-2.2.2-1")
                    + "] CONNACK Acknowledge Flags bits 7-1 are reserved and must be 0, were 0x"
                    + Integer.toHexString(ackFlags));
        }
        boolean sessionPresent = (ackFlags & 1) != 0;
        int value = WireReader.u8(in, "CONNACK Reason Code");
        if (version == MqttVersion.V3_1_1) {
            ReasonCode code = ReasonCodes.connack311(value);
            if (code == null) {
                throw malformed("malformed packet: CONNACK return code " + value + " is reserved (3.1.1 section 3.2.2.3)");
            }
            checkSessionPresent(sessionPresent, code, "[MQTT-3.2.2-4]");
            return Connack.builder(code, sessionPresent).build();
        }
        ReasonCode code = ReasonCodes.decode(PacketType.CONNACK, value);
        if (code == null) {
            throw malformed("malformed packet: 0x" + Integer.toHexString(value)
                    + " is not a CONNACK reason code (section 3.2.2.2)");
        }
        checkSessionPresent(sessionPresent, code, "[MQTT-3.2.2-6]");
        Connack.Builder builder = Connack.builder(code, sessionPresent);
        readProperties(in, builder, version);
        return builder.build();
    }

    private static void checkSessionPresent(boolean sessionPresent, ReasonCode code, String rule) {
        if (sessionPresent && code.isError()) {
            throw protocolError(rule + " CONNACK with " + code + " must not set Session Present");
        }
    }

    private static void readProperties(ByteBuffer in, Connack.Builder builder, MqttVersion version) {
        int outer = PropertyReader.open(in, PACKET);
        long seen = 0;
        String authMethod = null;
        byte[] authData = null;
        List<UserProperty> users = null;
        while (in.hasRemaining()) {
            Property property = PropertyReader.next(in, CONTEXT, PACKET);
            seen = PropertyReader.once(property, CONTEXT, seen, PACKET);
            switch (property) {
                case SESSION_EXPIRY_INTERVAL:
                    builder.sessionExpiry(WireReader.u32(in, property.displayName()));
                    break;
                case RECEIVE_MAXIMUM:
                    builder.receiveMaximum(PropertyReader.nonZeroU16(in, property, PACKET));
                    break;
                case MAXIMUM_QOS:
                    builder.maximumQos(PropertyReader.flag(in, property, PACKET) ? Qos.AT_LEAST_ONCE
                            : Qos.AT_MOST_ONCE);
                    break;
                case RETAIN_AVAILABLE:
                    builder.retainAvailable(PropertyReader.flag(in, property, PACKET));
                    break;
                case MAXIMUM_PACKET_SIZE:
                    builder.maximumPacketSize(PropertyReader.nonZeroU32(in, property, PACKET));
                    break;
                case ASSIGNED_CLIENT_IDENTIFIER:
                    builder.assignedClientIdentifier(PropertyReader.utf8(in, property, version));
                    break;
                case TOPIC_ALIAS_MAXIMUM:
                    builder.topicAliasMaximum(WireReader.u16(in, property.displayName()));
                    break;
                case REASON_STRING:
                    builder.reasonString(PropertyReader.utf8(in, property, version));
                    break;
                case USER_PROPERTY:
                    users = PropertyReader.user(in, users, version);
                    break;
                case WILDCARD_SUBSCRIPTION_AVAILABLE:
                    builder.wildcardSubscriptionAvailable(PropertyReader.flag(in, property, PACKET));
                    break;
                case SUBSCRIPTION_IDENTIFIER_AVAILABLE:
                    builder.subscriptionIdentifiersAvailable(PropertyReader.flag(in, property, PACKET));
                    break;
                case SHARED_SUBSCRIPTION_AVAILABLE:
                    builder.sharedSubscriptionAvailable(PropertyReader.flag(in, property, PACKET));
                    break;
                case SERVER_KEEP_ALIVE:
                    builder.serverKeepAlive(WireReader.u16(in, property.displayName()));
                    break;
                case RESPONSE_INFORMATION:
                    builder.responseInformation(PropertyReader.utf8(in, property, version));
                    break;
                case SERVER_REFERENCE:
                    builder.serverReference(PropertyReader.utf8(in, property, version));
                    break;
                case AUTHENTICATION_METHOD:
                    authMethod = PropertyReader.utf8(in, property, version);
                    break;
                case AUTHENTICATION_DATA:
                    authData = WireReader.binary(in, property.displayName());
                    break;
                default:
                    throw new IllegalStateException(property + " passed the CONNACK context check");
            }
        }
        in.limit(outer);
        builder.authentication(authMethod, authData);
        if (users != null) {
            builder.userProperties(users);
        }
    }
}
