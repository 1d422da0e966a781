package io.edgemqtt.impl.codec;

import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import java.util.List;

/**
 * UNSUBACK. MQTT 3.1.1 has no reason codes: a decoded 3.1.1 UNSUBACK has an empty list, and the codes are not sent.
 *
 * @param packetId 1..65535
 * @param reasonCodes MQTT 5: one per filter of the UNSUBSCRIBE, in order
 * @param reasonString reason string or null
 * @param userProperties user properties
 */
public record Unsuback(
        int packetId, List<ReasonCode> reasonCodes, String reasonString, List<UserProperty> userProperties)
        implements MqttPacket {

    public Unsuback {
        Values.packetId(packetId);
        ReasonCode[] codes = reasonCodes.toArray(new ReasonCode[0]);
        for (int i = 0; i < codes.length; i++) {
            codes[i] = ReasonCodes.require(PacketType.UNSUBACK, codes[i]);
        }
        reasonCodes = List.of(codes);
        userProperties = Values.users(userProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
