package io.edgemqtt.impl.codec;

import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import java.util.List;
import java.util.Objects;

/**
 * The QoS 1/2 flow packets PUBACK, PUBREC, PUBREL and PUBCOMP, which share one layout: packet id, and in MQTT 5 a
 * reason code, reason string and user properties.
 *
 * @param type PUBACK, PUBREC, PUBREL or PUBCOMP
 * @param packetId 1..65535
 * @param reasonCode a code this packet type may carry
 * @param reasonString reason string or null
 * @param userProperties user properties
 */
public record PublishFlow(
        PacketType type, int packetId, ReasonCode reasonCode, String reasonString, List<UserProperty> userProperties)
        implements MqttPacket {

    public PublishFlow {
        if (type != PacketType.PUBACK && type != PacketType.PUBREC && type != PacketType.PUBREL
                && type != PacketType.PUBCOMP) {
            throw new IllegalArgumentException(type + " is not a PUBACK/PUBREC/PUBREL/PUBCOMP");
        }
        Values.packetId(packetId);
        reasonCode = ReasonCodes.require(type, Objects.requireNonNull(reasonCode, "reasonCode"));
        userProperties = Values.users(userProperties);
    }

    /**
     * @param type PUBACK, PUBREC, PUBREL or PUBCOMP
     * @param packetId 1..65535
     * @return a successful acknowledgement without properties
     */
    public static PublishFlow of(PacketType type, int packetId) {
        return new PublishFlow(type, packetId, ReasonCode.SUCCESS, null, List.of());
    }

    /**
     * @param type PUBACK, PUBREC, PUBREL or PUBCOMP
     * @param packetId 1..65535
     * @param reasonCode the result
     * @return an acknowledgement without properties
     */
    public static PublishFlow of(PacketType type, int packetId, ReasonCode reasonCode) {
        return new PublishFlow(type, packetId, reasonCode, null, List.of());
    }
}
