package io.edgemqtt.impl.codec;

import io.edgemqtt.api.UserProperty;
import java.util.List;

/**
 * UNSUBSCRIBE.
 *
 * @param packetId 1..65535
 * @param topicFilters at least one filter
 * @param userProperties user properties
 */
public record Unsubscribe(int packetId, List<String> topicFilters, List<UserProperty> userProperties)
        implements MqttPacket {

    public Unsubscribe {
        Values.packetId(packetId);
        topicFilters = List.copyOf(topicFilters);
        if (topicFilters.isEmpty()) {
            throw new IllegalArgumentException("[MQTT-3.10.3-2] UNSUBSCRIBE needs at least one topic filter");
        }
        userProperties = Values.users(userProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
