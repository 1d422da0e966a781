package io.edgemqtt.impl.codec;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import java.util.List;
import java.util.Objects;

/**
 * PUBLISH: the application message plus what only the wire needs.
 *
 * <p>Topic, payload, QoS, retain and the MQTT 5 message properties live in {@link #message()}; inbound, the message
 * also carries DUP and the subscription identifiers. A received PUBLISH that used only a topic alias has an empty
 * topic: the engine resolves the alias and rebuilds the message with {@code toBuilder()} (which shares the payload,
 * so no second copy).
 *
 * @param message the application message
 * @param packetId 1..65535 for QoS 1 and 2, 0 for QoS 0
 * @param dup the DUP flag: this is a resend
 * @param topicAlias MQTT 5 topic alias, 0 = none
 * @param aliasOnly with a topic alias: send an empty topic (the peer already knows the alias); ignored on 3.1.1
 */
public record Publish(MqttMessage message, int packetId, boolean dup, int topicAlias, boolean aliasOnly)
        implements MqttPacket {

    public Publish {
        Objects.requireNonNull(message, "message");
        if (message.qos() == Qos.AT_MOST_ONCE) {
            if (packetId != 0) {
                throw new IllegalArgumentException("[MQTT-2.2.1-2] a QoS 0 PUBLISH has no packet identifier, was "
                        + packetId);
            }
            if (dup) {
                throw new IllegalArgumentException("[MQTT-3.3.1-2] DUP must be 0 on a QoS 0 PUBLISH");
            }
        } else {
            Values.packetId(packetId);
        }
        Values.twoBytes("topic alias", topicAlias);
        if (aliasOnly && topicAlias == 0) {
            throw new IllegalArgumentException("alias-only PUBLISH needs a topic alias");
        }
    }

    /**
     * @param message the message to send
     * @param packetId 1..65535 for QoS 1 and 2, 0 for QoS 0
     * @return a first-time PUBLISH without topic alias
     */
    public static Publish of(MqttMessage message, int packetId) {
        return new Publish(message, packetId, false, 0, false);
    }

    /**
     * @param dupFlag the DUP flag
     * @return this PUBLISH marked (or not) as a resend
     */
    public Publish withDup(boolean dupFlag) {
        return new Publish(message, packetId, dupFlag, topicAlias, aliasOnly);
    }

    /**
     * @param alias a topic alias 1..65535, or 0 for none
     * @param onlyAlias send an empty topic because the peer already maps the alias
     * @return this PUBLISH with the topic alias
     */
    public Publish withTopicAlias(int alias, boolean onlyAlias) {
        return new Publish(message, packetId, dup, alias, onlyAlias);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    /** @return MQTT 5 subscription identifiers of a received PUBLISH (empty otherwise) */
    public List<Integer> subscriptionIdentifiers() {
        return message.subscriptionIdentifiers();
    }
}
