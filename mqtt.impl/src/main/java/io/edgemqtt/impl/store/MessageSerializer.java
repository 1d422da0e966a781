package io.edgemqtt.impl.store;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.UserProperty;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Turns a {@link MqttMessage} with all its fields into bytes and back, for the file session store.
 *
 * <p>Layout (big endian): a 16-bit flags word (bits 0-1 QoS, then retain, duplicate, payload-is-UTF-8, and one bit per
 * optional field present), the topic, then the optional fields in flag order (message expiry as 32-bit unsigned,
 * content type, response topic, correlation data, user properties as a count and name/value pairs, subscription
 * identifiers as a count and 32-bit values), and the payload last. Strings are UTF-8 and byte strings are preceded by
 * a 32-bit length. The encoding is not MQTT's wire format on purpose: it has no size limits of its own, so that any
 * message the API can build is kept as built.
 *
 * <p>Writing allocates nothing; reading checks every length against the bytes left and fails with a
 * {@link CorruptRecordException}, never an index exception.
 */
public final class MessageSerializer {
    private static final int QOS_MASK = 0x3;
    private static final int RETAIN = 1 << 2;
    private static final int DUPLICATE = 1 << 3;
    private static final int PAYLOAD_UTF8 = 1 << 4;
    private static final int HAS_EXPIRY = 1 << 5;
    private static final int HAS_CONTENT_TYPE = 1 << 6;
    private static final int HAS_RESPONSE_TOPIC = 1 << 7;
    private static final int HAS_CORRELATION_DATA = 1 << 8;
    private static final int HAS_USER_PROPERTIES = 1 << 9;
    private static final int HAS_SUBSCRIPTION_IDS = 1 << 10;
    private static final int KNOWN_FLAGS = (HAS_SUBSCRIPTION_IDS << 1) - 1;

    private MessageSerializer() {}

    /**
     * @param message a message
     * @return the number of bytes {@link #write(MqttMessage, ByteBuffer)} writes for it
     */
    public static int serializedSize(MqttMessage message) {
        long size = 2 + 4 + Utf8.encodedLength(message.topic()) + 4 + (long) message.payloadSize();
        if (message.messageExpiryInterval().isPresent()) {
            size += 4;
        }
        if (message.contentType().isPresent()) {
            size += 4 + Utf8.encodedLength(message.contentType().get());
        }
        if (message.responseTopic().isPresent()) {
            size += 4 + Utf8.encodedLength(message.responseTopic().get());
        }
        if (message.correlationData().isPresent()) {
            size += 4 + message.correlationData().get().remaining();
        }
        List<UserProperty> properties = message.userProperties();
        if (!properties.isEmpty()) {
            size += 4;
            for (int i = 0, n = properties.size(); i < n; i++) {
                UserProperty property = properties.get(i);
                size += 8 + Utf8.encodedLength(property.name()) + Utf8.encodedLength(property.value());
            }
        }
        if (!message.subscriptionIdentifiers().isEmpty()) {
            size += 4 + 4L * message.subscriptionIdentifiers().size();
        }
        if (size > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("message too large to store: " + size + " bytes");
        }
        return (int) size;
    }

    /**
     * @param message a message
     * @param out where to write it, with at least {@link #serializedSize(MqttMessage)} bytes remaining
     */
    public static void write(MqttMessage message, ByteBuffer out) {
        OptionalLong expiry = message.messageExpiryInterval();
        String contentType = message.contentType().orElse(null);
        String responseTopic = message.responseTopic().orElse(null);
        ByteBuffer correlationData = message.correlationData().orElse(null);
        List<UserProperty> properties = message.userProperties();
        List<Integer> subscriptionIds = message.subscriptionIdentifiers();

        int flags = message.qos().value()
                | (message.isRetain() ? RETAIN : 0)
                | (message.isDuplicate() ? DUPLICATE : 0)
                | (message.isPayloadUtf8() ? PAYLOAD_UTF8 : 0)
                | (expiry.isPresent() ? HAS_EXPIRY : 0)
                | (contentType != null ? HAS_CONTENT_TYPE : 0)
                | (responseTopic != null ? HAS_RESPONSE_TOPIC : 0)
                | (correlationData != null ? HAS_CORRELATION_DATA : 0)
                | (properties.isEmpty() ? 0 : HAS_USER_PROPERTIES)
                | (subscriptionIds.isEmpty() ? 0 : HAS_SUBSCRIPTION_IDS);
        out.putShort((short) flags);
        writeString(message.topic(), out);
        if (expiry.isPresent()) {
            out.putInt((int) expiry.getAsLong());
        }
        if (contentType != null) {
            writeString(contentType, out);
        }
        if (responseTopic != null) {
            writeString(responseTopic, out);
        }
        if (correlationData != null) {
            out.putInt(correlationData.remaining());
            out.put(correlationData);
        }
        if (!properties.isEmpty()) {
            out.putInt(properties.size());
            for (int i = 0, n = properties.size(); i < n; i++) {
                UserProperty property = properties.get(i);
                writeString(property.name(), out);
                writeString(property.value(), out);
            }
        }
        if (!subscriptionIds.isEmpty()) {
            out.putInt(subscriptionIds.size());
            for (int i = 0, n = subscriptionIds.size(); i < n; i++) {
                out.putInt(subscriptionIds.get(i));
            }
        }
        ByteBuffer payload = message.payload();
        out.putInt(payload.remaining());
        out.put(payload);
    }

    /**
     * @param in the serialized message from its position to its limit; read to its limit
     * @return the message
     * @throws CorruptRecordException if the bytes are not exactly one serialized message
     */
    public static MqttMessage read(ByteBuffer in) throws CorruptRecordException {
        int flags = need(in, 2).getShort() & 0xFFFF;
        if ((flags & ~KNOWN_FLAGS) != 0 || (flags & QOS_MASK) == QOS_MASK) {
            throw new CorruptRecordException("unknown message flags 0x" + Integer.toHexString(flags));
        }
        MqttMessage.Builder builder = MqttMessage.builder(readString(in))
                .qos(Qos.of(flags & QOS_MASK))
                .retain((flags & RETAIN) != 0)
                .duplicate((flags & DUPLICATE) != 0)
                .payloadUtf8((flags & PAYLOAD_UTF8) != 0);
        if ((flags & HAS_EXPIRY) != 0) {
            builder.messageExpiryInterval(need(in, 4).getInt() & 0xFFFF_FFFFL);
        }
        if ((flags & HAS_CONTENT_TYPE) != 0) {
            builder.contentType(readString(in));
        }
        if ((flags & HAS_RESPONSE_TOPIC) != 0) {
            builder.responseTopic(readString(in));
        }
        if ((flags & HAS_CORRELATION_DATA) != 0) {
            byte[] correlationData = new byte[readLength(in)];
            in.get(correlationData);
            builder.correlationData(correlationData);
        }
        if ((flags & HAS_USER_PROPERTIES) != 0) {
            int count = readCount(in, 8);
            List<UserProperty> properties = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                properties.add(UserProperty.of(readString(in), readString(in)));
            }
            builder.userProperties(properties);
        }
        if ((flags & HAS_SUBSCRIPTION_IDS) != 0) {
            int count = readCount(in, 4);
            List<Integer> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(in.getInt());
            }
            builder.subscriptionIdentifiers(ids);
        }
        int payloadLength = readLength(in);
        if (payloadLength != in.remaining()) {
            throw new CorruptRecordException(
                    "payload length " + payloadLength + " does not match the " + in.remaining() + " bytes left");
        }
        builder.payload(in);
        in.position(in.limit());
        return builder.build();
    }

    private static void writeString(String text, ByteBuffer out) {
        int lengthAt = out.position();
        out.position(lengthAt + 4);
        Utf8.encode(text, out);
        out.putInt(lengthAt, out.position() - lengthAt - 4);
    }

    private static String readString(ByteBuffer in) throws CorruptRecordException {
        return Utf8.decode(in, readLength(in));
    }

    private static int readLength(ByteBuffer in) throws CorruptRecordException {
        int length = need(in, 4).getInt();
        if (length < 0 || length > in.remaining()) {
            throw new CorruptRecordException("length " + length + " exceeds the " + in.remaining() + " bytes left");
        }
        return length;
    }

    private static int readCount(ByteBuffer in, int minBytesEach) throws CorruptRecordException {
        int count = need(in, 4).getInt();
        if (count <= 0 || count > in.remaining() / minBytesEach) {
            throw new CorruptRecordException("count " + count + " does not fit the " + in.remaining() + " bytes left");
        }
        return count;
    }

    private static ByteBuffer need(ByteBuffer in, int bytes) throws CorruptRecordException {
        if (in.remaining() < bytes) {
            throw new CorruptRecordException("needs " + bytes + " bytes, " + in.remaining() + " left");
        }
        return in;
    }
}
