package io.edgemqtt.impl.codec;

import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import java.util.List;
import java.util.Objects;

/**
 * DISCONNECT. On 3.1.1 it has no content: a decoded 3.1.1 DISCONNECT is {@link #NORMAL}, and nothing but the fixed
 * header is sent.
 *
 * @param reasonCode a DISCONNECT reason code
 * @param sessionExpirySeconds MQTT 5 session expiry interval, or -1 when absent
 * @param reasonString reason string or null
 * @param serverReference another server to use, or null
 * @param userProperties user properties
 */
public record Disconnect(
        ReasonCode reasonCode,
        long sessionExpirySeconds,
        String reasonString,
        String serverReference,
        List<UserProperty> userProperties)
        implements MqttPacket {

    /** A normal disconnection without properties. */
    public static final Disconnect NORMAL = new Disconnect(ReasonCode.NORMAL_DISCONNECTION, -1, null, null, List.of());

    public Disconnect {
        reasonCode = ReasonCodes.require(PacketType.DISCONNECT, Objects.requireNonNull(reasonCode, "reasonCode"));
        Values.fourBytesOrAbsent("session expiry interval", sessionExpirySeconds);
        userProperties = Values.users(userProperties);
    }

    /**
     * @param reasonCode a DISCONNECT reason code
     * @return a DISCONNECT without properties
     */
    public static Disconnect of(ReasonCode reasonCode) {
        return new Disconnect(reasonCode, -1, null, null, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
