package io.edgemqtt.impl.codec;

import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import java.util.List;

/**
 * SUBACK. On 3.1.1 the codes are GRANTED_QOS_0/1/2 or UNSPECIFIED_ERROR (0x80); any MQTT 5 failure code is sent as
 * 0x80 there.
 *
 * @param packetId 1..65535
 * @param reasonCodes one per filter of the SUBSCRIBE, in order
 * @param reasonString reason string or null
 * @param userProperties user properties
 */
public record Suback(int packetId, List<ReasonCode> reasonCodes, String reasonString, List<UserProperty> userProperties)
        implements MqttPacket {

    public Suback {
        Values.packetId(packetId);
        ReasonCode[] codes = reasonCodes.toArray(new ReasonCode[0]);
        for (int i = 0; i < codes.length; i++) {
            codes[i] = ReasonCodes.require(PacketType.SUBACK, codes[i]);
        }
        reasonCodes = List.of(codes);
        userProperties = Values.users(userProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
