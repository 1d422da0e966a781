package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.impl.codec.Disconnect;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.ReasonCodes;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decodes DISCONNECT (section 3.14). MQTT 5 omits the reason code when the Remaining Length is 0 (normal
 * disconnection) and the properties when it is 1; MQTT 3.1.1 has no content at all.
 */
public final class DisconnectDecoder {
    private static final String PACKET = "DISCONNECT";
    private static final int CONTEXT = PacketType.DISCONNECT.value();

    private DisconnectDecoder() {}

    /**
     * @param in the variable header onwards, limited to the packet
     * @param version the connection's protocol version
     * @return the packet
     */
    public static Disconnect decode(ByteBuffer in, MqttVersion version) {
        if (version == MqttVersion.V3_1_1 || !in.hasRemaining()) {
            return Disconnect.NORMAL;
        }
        int value = WireReader.u8(in, "DISCONNECT Reason Code");
        ReasonCode code = ReasonCodes.decode(PacketType.DISCONNECT, value);
        if (code == null) {
            throw malformed("malformed packet: 0x" + Integer.toHexString(value)
                    + " is not a DISCONNECT reason code (section 3.14.2.1)");
        }
        if (!in.hasRemaining()) {
            return Disconnect.of(code);
        }
        long sessionExpiry = -1;
        String reasonString = null;
        String serverReference = null;
        List<UserProperty> users = null;
        int outer = PropertyReader.open(in, PACKET);
        long seen = 0;
        while (in.hasRemaining()) {
            Property property = PropertyReader.next(in, CONTEXT, PACKET);
            seen = PropertyReader.once(property, CONTEXT, seen, PACKET);
            switch (property) {
                case SESSION_EXPIRY_INTERVAL:
                    sessionExpiry = WireReader.u32(in, property.displayName());
                    break;
                case REASON_STRING:
                    reasonString = PropertyReader.utf8(in, property, version);
                    break;
                case SERVER_REFERENCE:
                    serverReference = PropertyReader.utf8(in, property, version);
                    break;
                case USER_PROPERTY:
                    users = PropertyReader.user(in, users, version);
                    break;
                default:
                    throw new IllegalStateException(property + " passed the DISCONNECT context check");
            }
        }
        in.limit(outer);
        return new Disconnect(code, sessionExpiry, reasonString, serverReference, users);
    }
}
