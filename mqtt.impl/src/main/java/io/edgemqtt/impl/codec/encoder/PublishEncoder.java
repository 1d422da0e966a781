package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.Publish;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;

/**
 * Encodes PUBLISH (section 3.3), whole or header only.
 *
 * <p>For a large payload, write {@link #encodeHeader} into the write buffer and send it together with {@code
 * publish.message().payload()} in one gathering write: the payload is never copied by the codec. Small messages are
 * cheaper written whole with {@link #encode}.
 *
 * <p>Topic validity (no wildcards, not empty) is the engine's check before it builds the packet (see
 * {@code TopicValidator}); the encoder only enforces what the wire format needs. Subscription identifiers on the
 * message are written (a server sends them); the engine strips them from messages a client publishes.
 */
public final class PublishEncoder {
    private PublishEncoder() {}

    /**
     * @return the total size of the packet, payload included
     * @throws io.edgemqtt.api.MqttException if a string is invalid or the packet exceeds the largest Remaining Length
     */
    public static int size(Publish publish, MqttVersion version) {
        int topicLength = topicLength(publish, version);
        int propertiesLength = propertiesLength(publish.message(), publish.topicAlias(), version);
        int variableHeader = variableHeader(publish, version, topicLength, propertiesLength);
        return WireWriter.totalSize((long) variableHeader + publish.message().payloadSize());
    }

    /** @return the size of the fixed and variable header, i.e. {@link #size} minus the payload */
    public static int headerSize(Publish publish, MqttVersion version) {
        return size(publish, version) - publish.message().payloadSize();
    }

    /**
     * Writes the whole packet.
     *
     * @param out a buffer with at least {@link #size} bytes remaining
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} is too small; nothing is written then
     */
    public static int encode(Publish publish, MqttVersion version, ByteBuffer out) {
        int headerSize = encodeHeader(publish, version, out, true);
        out.put(publish.message().payload());
        return headerSize + publish.message().payloadSize();
    }

    /**
     * Writes the fixed header (whose Remaining Length counts the payload) and the variable header; the caller sends
     * the {@link MqttMessage#payload()} right after it.
     *
     * @param out a buffer with at least {@link #headerSize} bytes remaining
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} is too small; nothing is written then
     */
    public static int encodeHeader(Publish publish, MqttVersion version, ByteBuffer out) {
        return encodeHeader(publish, version, out, false);
    }

    private static int encodeHeader(Publish publish, MqttVersion version, ByteBuffer out, boolean withPayload) {
        MqttMessage message = publish.message();
        int topicLength = topicLength(publish, version);
        int propertiesLength = propertiesLength(message, publish.topicAlias(), version);
        int variableHeader = variableHeader(publish, version, topicLength, propertiesLength);
        int payloadSize = message.payloadSize();
        int total = WireWriter.totalSize((long) variableHeader + payloadSize);
        int headerSize = total - payloadSize;
        WireWriter.ensure(out, withPayload ? total : headerSize);

        int qos = message.qos().value();
        int first = PacketType.PUBLISH.value() << 4 | (publish.dup() ? 0b1000 : 0) | qos << 1
                | (message.isRetain() ? 1 : 0);
        WireWriter.fixedHeader(out, first, variableHeader + payloadSize);
        if (topicLength == 0) {
            out.putShort((short) 0);
        } else {
            WireWriter.utf8(out, message.topic());
        }
        if (qos > 0) {
            out.putShort((short) publish.packetId());
        }
        if (version == MqttVersion.V5) {
            writeProperties(out, message, publish.topicAlias(), propertiesLength);
        }
        return headerSize;
    }

    /** An alias-only PUBLISH sends an empty topic; 3.1.1 has no aliases and always sends the topic. */
    private static int topicLength(Publish publish, MqttVersion version) {
        if (publish.aliasOnly() && version == MqttVersion.V5) {
            return 0;
        }
        return WireWriter.utf8Length(publish.message().topic(), "PUBLISH Topic Name");
    }

    private static int variableHeader(Publish publish, MqttVersion version, int topicLength, int propertiesLength) {
        int size = 2 + topicLength + (publish.message().qos().value() > 0 ? 2 : 0);
        return version == MqttVersion.V5 ? size + WireWriter.propertiesSize(propertiesLength) : size;
    }

    /** Shared with the will of CONNECT, which carries the same message properties. */
    static int messagePropertiesLength(MqttMessage message) {
        int length = 0;
        if (message.isPayloadUtf8()) {
            length += 2;
        }
        if (message.messageExpiryInterval().isPresent()) {
            length += 5;
        }
        length += WireWriter.stringPropertySize(message.contentType().orElse(null), Property.CONTENT_TYPE);
        length += WireWriter.stringPropertySize(message.responseTopic().orElse(null), Property.RESPONSE_TOPIC);
        if (message.correlationData().isPresent()) {
            int dataLength = message.correlationData().get().remaining();
            if (dataLength > 0xFFFF) {
                throw WireWriter.invalid("[MQTT-1.5.6] Correlation Data is " + dataLength + " bytes, more than 65535");
            }
            length += 3 + dataLength;
        }
        return length + WireWriter.userPropertiesSize(message.userProperties());
    }

    static void writeMessageProperties(ByteBuffer out, MqttMessage message) {
        if (message.isPayloadUtf8()) {
            WireWriter.byteProperty(out, Property.PAYLOAD_FORMAT_INDICATOR, 1);
        }
        OptionalLong expiry = message.messageExpiryInterval();
        if (expiry.isPresent()) {
            WireWriter.intProperty(out, Property.MESSAGE_EXPIRY_INTERVAL, expiry.getAsLong());
        }
        WireWriter.stringProperty(out, message.contentType().orElse(null), Property.CONTENT_TYPE);
        WireWriter.stringProperty(out, message.responseTopic().orElse(null), Property.RESPONSE_TOPIC);
        if (message.correlationData().isPresent()) {
            ByteBuffer data = message.correlationData().get();
            out.put((byte) Property.CORRELATION_DATA.id());
            out.putShort((short) data.remaining());
            out.put(data);
        }
        WireWriter.userProperties(out, message.userProperties());
    }

    private static int propertiesLength(MqttMessage message, int topicAlias, MqttVersion version) {
        if (version != MqttVersion.V5) {
            return 0;
        }
        int length = messagePropertiesLength(message) + (topicAlias > 0 ? 3 : 0);
        List<Integer> ids = message.subscriptionIdentifiers();
        for (int i = 0, n = ids.size(); i < n; i++) {
            int id = ids.get(i);
            if (id < 1 || id > 268_435_455) {
                throw WireWriter.invalid("Subscription Identifier must be 1..268435455, was " + id);
            }
            length += 1 + WireWriter.varIntSize(id);
        }
        return length;
    }

    private static void writeProperties(ByteBuffer out, MqttMessage message, int topicAlias, int propertiesLength) {
        WireWriter.varInt(out, propertiesLength);
        writeMessageProperties(out, message);
        if (topicAlias > 0) {
            WireWriter.shortProperty(out, Property.TOPIC_ALIAS, topicAlias);
        }
        List<Integer> ids = message.subscriptionIdentifiers();
        for (int i = 0, n = ids.size(); i < n; i++) {
            out.put((byte) Property.SUBSCRIPTION_IDENTIFIER.id());
            WireWriter.varInt(out, ids.get(i));
        }
    }
}
