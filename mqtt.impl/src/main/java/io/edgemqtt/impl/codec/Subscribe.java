package io.edgemqtt.impl.codec;

import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.UserProperty;
import java.util.List;

/**
 * SUBSCRIBE. The MQTT 5 subscription identifier is one per packet, so it lives here rather than in each {@link
 * Subscription} (the per-subscription identifier of a {@link Subscription} is not encoded; decoded subscriptions
 * carry 0).
 *
 * @param packetId 1..65535
 * @param subscriptions at least one filter with its options
 * @param subscriptionIdentifier MQTT 5 subscription identifier 1..268435455, 0 = none
 * @param userProperties user properties
 */
public record Subscribe(
        int packetId, List<Subscription> subscriptions, int subscriptionIdentifier, List<UserProperty> userProperties)
        implements MqttPacket {

    /** The largest value a variable byte integer holds. */
    public static final int MAX_SUBSCRIPTION_IDENTIFIER = 268_435_455;

    public Subscribe {
        Values.packetId(packetId);
        subscriptions = List.copyOf(subscriptions);
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("[MQTT-3.8.3-2] SUBSCRIBE needs at least one topic filter");
        }
        if (subscriptionIdentifier < 0 || subscriptionIdentifier > MAX_SUBSCRIPTION_IDENTIFIER) {
            throw new IllegalArgumentException("subscription identifier must be 0..268435455, was "
                    + subscriptionIdentifier);
        }
        userProperties = Values.users(userProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
