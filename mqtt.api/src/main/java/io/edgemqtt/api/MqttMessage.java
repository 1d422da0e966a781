package io.edgemqtt.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An application message: what is published and what is received.
 *
 * <p>Immutable. The payload is copied when the message is built and handed out as a read-only view, so neither the
 * application nor the client can change a message after it was built. Change a message with {@link #toBuilder()}.
 *
 * <p>The MQTT 5 properties (content type, response topic, correlation data, message expiry, payload format, user
 * properties) are kept on every message; on an MQTT 3.1.1 connection they are not sent, and received messages have
 * none. The topic is checked when the message is published (a {@link MqttException} names the rule it breaks), not
 * when it is built, so that a
 * received message is never rejected by its own type.
 */
public final class MqttMessage {
    private static final byte[] EMPTY = new byte[0];

    private final String topic;
    private final byte[] payload;
    private final Qos qos;
    private final boolean retain;
    private final boolean duplicate;
    private final boolean payloadUtf8;
    private final long messageExpirySeconds;
    private final String contentType;
    private final String responseTopic;
    private final byte[] correlationData;
    private final List<UserProperty> userProperties;
    private final List<Integer> subscriptionIdentifiers;

    private MqttMessage(Builder builder) {
        this.topic = Objects.requireNonNull(builder.topic, "topic");
        this.payload = builder.payload;
        this.qos = builder.qos;
        this.retain = builder.retain;
        this.duplicate = builder.duplicate;
        this.payloadUtf8 = builder.payloadUtf8;
        this.messageExpirySeconds = builder.messageExpirySeconds;
        this.contentType = builder.contentType;
        this.responseTopic = builder.responseTopic;
        this.correlationData = builder.correlationData;
        this.userProperties = builder.userProperties == null || builder.userProperties.isEmpty()
                ? Collections.emptyList()
                : Collections.unmodifiableList(new ArrayList<>(builder.userProperties));
        this.subscriptionIdentifiers = builder.subscriptionIdentifiers == null || builder.subscriptionIdentifiers.isEmpty()
                ? Collections.emptyList()
                : Collections.unmodifiableList(new ArrayList<>(builder.subscriptionIdentifiers));
    }

    /**
     * @param topic the topic name to publish to
     * @return a builder with an empty payload, QoS 1 and no retain
     */
    public static Builder builder(String topic) {
        return new Builder().topic(topic);
    }

    /**
     * Shorthand for the common case.
     *
     * @param topic the topic name
     * @param payload the payload, copied
     * @param qos the quality of service
     * @return a non-retained message
     */
    public static MqttMessage of(String topic, byte[] payload, Qos qos) {
        return builder(topic).payload(payload).qos(qos).build();
    }

    /**
     * Shorthand for a UTF-8 text payload.
     *
     * @param topic the topic name
     * @param text the payload text, encoded as UTF-8
     * @param qos the quality of service
     * @return a non-retained message
     */
    public static MqttMessage of(String topic, String text, Qos qos) {
        return builder(topic).payload(text).qos(qos).build();
    }

    /** @return a builder holding this message's values */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.topic = topic;
        builder.payload = payload;
        builder.qos = qos;
        builder.retain = retain;
        builder.duplicate = duplicate;
        builder.payloadUtf8 = payloadUtf8;
        builder.messageExpirySeconds = messageExpirySeconds;
        builder.contentType = contentType;
        builder.responseTopic = responseTopic;
        builder.correlationData = correlationData;
        if (!userProperties.isEmpty()) {
            builder.userProperties = new ArrayList<>(userProperties);
        }
        if (!subscriptionIdentifiers.isEmpty()) {
            builder.subscriptionIdentifiers = new ArrayList<>(subscriptionIdentifiers);
        }
        return builder;
    }

    /** @return the topic name */
    public String topic() {
        return topic;
    }

    /** @return a read-only view of the payload, positioned at 0 */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** @return a copy of the payload */
    public byte[] payloadAsBytes() {
        return payload.clone();
    }

    /** @return the payload decoded as UTF-8 (malformed input is replaced, never thrown) */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** @return the payload length in bytes */
    public int payloadSize() {
        return payload.length;
    }

    /** @return the quality of service: requested when publishing, granted (the lower of both) when received */
    public Qos qos() {
        return qos;
    }

    /**
     * @return when publishing: ask the broker to retain the message; when received: the message was retained by the
     *     broker (or, with the MQTT 5 retain-as-published option, published with retain)
     */
    public boolean isRetain() {
        return retain;
    }

    /** @return true if this received message is a redelivery (DUP flag); always false on messages to publish */
    public boolean isDuplicate() {
        return duplicate;
    }

    /** @return MQTT 5 payload format indicator: true if the payload is declared UTF-8 text (it is validated) */
    public boolean isPayloadUtf8() {
        return payloadUtf8;
    }

    /**
     * @return MQTT 5 message expiry interval in seconds, if set; on a received message, what remains of it after the
     *     time the broker held the message
     */
    public OptionalLong messageExpiryInterval() {
        return messageExpirySeconds < 0 ? OptionalLong.empty() : OptionalLong.of(messageExpirySeconds);
    }

    /** @return MQTT 5 content type (a MIME type, by convention), if set */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** @return MQTT 5 response topic for request/response, if set */
    public Optional<String> responseTopic() {
        return Optional.ofNullable(responseTopic);
    }

    /** @return MQTT 5 correlation data as a read-only view, if set */
    public Optional<ByteBuffer> correlationData() {
        return correlationData == null
                ? Optional.empty()
                : Optional.of(ByteBuffer.wrap(correlationData).asReadOnlyBuffer());
    }

    /** @return MQTT 5 user properties in order (names may repeat); empty if none */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /**
     * @return MQTT 5 subscription identifiers of the subscriptions that matched this received message; empty on
     *     messages to publish and on MQTT 3.1.1
     */
    public List<Integer> subscriptionIdentifiers() {
        return subscriptionIdentifiers;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof MqttMessage)) {
            return false;
        }
        MqttMessage that = (MqttMessage) other;
        return retain == that.retain
                && duplicate == that.duplicate
                && payloadUtf8 == that.payloadUtf8
                && messageExpirySeconds == that.messageExpirySeconds
                && qos == that.qos
                && topic.equals(that.topic)
                && Arrays.equals(payload, that.payload)
                && Objects.equals(contentType, that.contentType)
                && Objects.equals(responseTopic, that.responseTopic)
                && Arrays.equals(correlationData, that.correlationData)
                && userProperties.equals(that.userProperties)
                && subscriptionIdentifiers.equals(that.subscriptionIdentifiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, qos, retain) * 31 + Arrays.hashCode(payload);
    }

    /** Shows topic, QoS, flags and payload size, never the payload itself (it may hold secrets). */
    @Override
    public String toString() {
        return "MqttMessage[topic=" + topic + ", qos=" + qos.value() + (retain ? ", retain" : "")
                + (duplicate ? ", dup" : "") + ", payload=" + payload.length + " bytes]";
    }

    /** Builds a {@link MqttMessage}. Not thread-safe. */
    public static final class Builder {
        private String topic;
        private byte[] payload = EMPTY;
        private Qos qos = Qos.AT_LEAST_ONCE;
        private boolean retain;
        private boolean duplicate;
        private boolean payloadUtf8;
        private long messageExpirySeconds = -1;
        private String contentType;
        private String responseTopic;
        private byte[] correlationData;
        // Created when first needed: most messages have neither, and builders are made for every message.
        private List<UserProperty> userProperties;
        private List<Integer> subscriptionIdentifiers;

        private Builder() {}

        /**
         * @param topic the topic name
         * @return this builder
         */
        public Builder topic(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /**
         * @param payload the payload, copied
         * @return this builder
         */
        public Builder payload(byte[] payload) {
            this.payload = payload.length == 0 ? EMPTY : payload.clone();
            return this;
        }

        /**
         * @param payload the payload: its remaining bytes are copied; its position is not changed
         * @return this builder
         */
        public Builder payload(ByteBuffer payload) {
            byte[] copy = new byte[payload.remaining()];
            payload.duplicate().get(copy);
            this.payload = copy.length == 0 ? EMPTY : copy;
            return this;
        }

        /**
         * @param text the payload text, encoded as UTF-8
         * @return this builder
         */
        public Builder payload(String text) {
            this.payload = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * @param qos the quality of service
         * @return this builder
         */
        public Builder qos(Qos qos) {
            this.qos = Objects.requireNonNull(qos, "qos");
            return this;
        }

        /**
         * @param retain whether the broker retains the message
         * @return this builder
         */
        public Builder retain(boolean retain) {
            this.retain = retain;
            return this;
        }

        /**
         * Marks a received message as redelivered. Set by the client on received messages; ignored when publishing
         * (the client sets DUP itself on resends).
         *
         * @param duplicate the DUP flag
         * @return this builder
         */
        public Builder duplicate(boolean duplicate) {
            this.duplicate = duplicate;
            return this;
        }

        /**
         * @param utf8 MQTT 5 payload format indicator: the payload is UTF-8 text (checked when published)
         * @return this builder
         */
        public Builder payloadUtf8(boolean utf8) {
            this.payloadUtf8 = utf8;
            return this;
        }

        /**
         * @param seconds MQTT 5 message expiry interval, 0 to 4294967295 seconds
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder messageExpiryInterval(long seconds) {
            if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("message expiry interval must be 0..4294967295 s, was " + seconds);
            }
            this.messageExpirySeconds = seconds;
            return this;
        }

        /** @return this builder, with no message expiry */
        public Builder noMessageExpiry() {
            this.messageExpirySeconds = -1;
            return this;
        }

        /**
         * @param contentType MQTT 5 content type, or null for none
         * @return this builder
         */
        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /**
         * @param responseTopic MQTT 5 response topic, or null for none
         * @return this builder
         */
        public Builder responseTopic(String responseTopic) {
            this.responseTopic = responseTopic;
            return this;
        }

        /**
         * @param correlationData MQTT 5 correlation data, copied; null for none
         * @return this builder
         */
        public Builder correlationData(byte[] correlationData) {
            this.correlationData = correlationData == null ? null : correlationData.clone();
            return this;
        }

        /**
         * @param name user property name
         * @param value user property value
         * @return this builder, with the property appended
         */
        public Builder userProperty(String name, String value) {
            if (userProperties == null) {
                userProperties = new ArrayList<>(2);
            }
            userProperties.add(UserProperty.of(name, value));
            return this;
        }

        /**
         * @param properties user properties, replacing any set before
         * @return this builder
         */
        public Builder userProperties(List<UserProperty> properties) {
            userProperties = new ArrayList<>(properties);
            return this;
        }

        /**
         * Sets the subscription identifiers of a received message. Set by the client; ignored when publishing.
         *
         * @param identifiers the identifiers
         * @return this builder
         */
        public Builder subscriptionIdentifiers(List<Integer> identifiers) {
            subscriptionIdentifiers = new ArrayList<>(identifiers);
            return this;
        }

        /** @return the message */
        public MqttMessage build() {
            return new MqttMessage(this);
        }
    }
}
