package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;
import static io.edgemqtt.impl.codec.MalformedPacketException.protocolError;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.Publish;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes PUBLISH (section 3.3). The payload is copied once, into the {@link MqttMessage}; nothing keeps a reference
 * to the read buffer.
 */
public final class PublishDecoder {
    private static final String PACKET = "PUBLISH";
    private static final int CONTEXT = PacketType.PUBLISH.value();

    private PublishDecoder() {}

    /**
     * @param in the variable header onwards, limited to the packet
     * @param flags the low nibble of the fixed header: DUP, QoS, RETAIN
     * @param version the connection's protocol version
     * @return the packet
     */
    public static Publish decode(ByteBuffer in, int flags, MqttVersion version) {
        boolean dup = (flags & 0b1000) != 0;
        int qos = (flags >> 1) & 0b11;
        boolean retain = (flags & 1) != 0;
        if (qos == 3) {
            throw malformed("[MQTT-3.3.1-4] PUBLISH must not have both QoS bits set (QoS 3)");
        }
        if (qos == 0 && dup) {
            throw protocolError("[MQTT-3.3.1-2] PUBLISH with QoS 0 must not set DUP");
        }
        String topic = WireReader.utf8(in, "PUBLISH Topic Name", version);
        if (hasWildcard(topic)) {
            throw malformed("[MQTT-3.3.2-2] PUBLISH Topic Name must not contain wildcards, was '" + topic + "'");
        }
        int packetId = qos == 0 ? 0 : WireReader.packetId(in, PACKET, version);
        MqttMessage.Builder message = MqttMessage.builder(topic).qos(Qos.of(qos)).retain(retain).duplicate(dup);
        int topicAlias = version == MqttVersion.V5 ? readProperties(in, message, version) : 0;
        if (topic.isEmpty()) {
            if (version == MqttVersion.V3_1_1) {
                throw malformed("[MQTT-4.7.3-1] PUBLISH Topic Name must be at least one character long");
            }
            if (topicAlias == 0) {
                throw protocolError("protocol error: PUBLISH has an empty Topic Name and no Topic Alias"
                        + " (section 3.3.2.3.4)");
            }
        }
        message.payload(in); // copies the remaining bytes: the payload runs to the end of the packet
        in.position(in.limit());
        return new Publish(message.build(), packetId, dup, topicAlias, topic.isEmpty());
    }

    static boolean hasWildcard(String topic) {
        return topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
    }

    /** @return the topic alias, 0 if none */
    private static int readProperties(ByteBuffer in, MqttMessage.Builder message, MqttVersion version) {
        int outer = PropertyReader.open(in, PACKET);
        long seen = 0;
        int topicAlias = 0;
        List<UserProperty> users = null;
        List<Integer> subscriptionIds = null;
        while (in.hasRemaining()) {
            Property property = PropertyReader.next(in, CONTEXT, PACKET);
            seen = PropertyReader.once(property, CONTEXT, seen, PACKET);
            switch (property) {
                case PAYLOAD_FORMAT_INDICATOR:
                    message.payloadUtf8(PropertyReader.flag(in, property, PACKET));
                    break;
                case MESSAGE_EXPIRY_INTERVAL:
                    message.messageExpiryInterval(WireReader.u32(in, property.displayName()));
                    break;
                case TOPIC_ALIAS:
                    topicAlias = PropertyReader.nonZeroU16(in, property, PACKET);
                    break;
                case RESPONSE_TOPIC:
                    String responseTopic = PropertyReader.utf8(in, property, version);
                    if (hasWildcard(responseTopic)) {
                        throw protocolError("protocol error: PUBLISH Response Topic must not contain wildcards"
                                + " (section 3.3.2.3.5), was '" + responseTopic + "'");
                    }
                    message.responseTopic(responseTopic);
                    break;
                case CORRELATION_DATA:
                    message.correlationData(WireReader.binary(in, property.displayName()));
                    break;
                case USER_PROPERTY:
                    users = PropertyReader.user(in, users, version);
                    break;
                case SUBSCRIPTION_IDENTIFIER:
                    if (subscriptionIds == null) {
                        subscriptionIds = new ArrayList<>(2);
                    }
                    subscriptionIds.add(PropertyReader.subscriptionIdentifier(in, PACKET));
                    break;
                case CONTENT_TYPE:
                    message.contentType(PropertyReader.utf8(in, property, version));
                    break;
                default:
                    throw new IllegalStateException(property + " passed the PUBLISH context check");
            }
        }
        in.limit(outer);
        if (users != null) {
            message.userProperties(users);
        }
        if (subscriptionIds != null) {
            message.subscriptionIdentifiers(subscriptionIds);
        }
        return topicAlias;
    }
}
