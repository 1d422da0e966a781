package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;
import static io.edgemqtt.impl.codec.MalformedPacketException.protocolError;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.impl.codec.Auth;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.ReasonCodes;
import java.nio.ByteBuffer;
import java.util.List;

/** Decodes AUTH (MQTT 5 only, section 3.15); the framing rejects type 15 on MQTT 3.1.1. */
public final class AuthDecoder {
    private static final String PACKET = "AUTH";
    private static final int CONTEXT = PacketType.AUTH.value();

    private AuthDecoder() {}

    /**
     * @param in the variable header onwards, limited to the packet
     * @param version the connection's protocol version (5)
     * @return the packet
     */
    public static Auth decode(ByteBuffer in, MqttVersion version) {
        if (!in.hasRemaining()) {
            return new Auth(ReasonCode.SUCCESS, null, null, null, List.of());
        }
        int value = WireReader.u8(in, "AUTH Reason Code");
        ReasonCode code = ReasonCodes.decode(PacketType.AUTH, value);
        if (code == null) {
            throw malformed("malformed packet: 0x" + Integer.toHexString(value)
                    + " is not an AUTH reason code (section 3.15.2.1)");
        }
        String method = null;
        byte[] data = null;
        String reasonString = null;
        List<UserProperty> users = null;
        if (in.hasRemaining()) {
            int outer = PropertyReader.open(in, PACKET);
            long seen = 0;
            while (in.hasRemaining()) {
                Property property = PropertyReader.next(in, CONTEXT, PACKET);
                seen = PropertyReader.once(property, CONTEXT, seen, PACKET);
                switch (property) {
                    case AUTHENTICATION_METHOD:
                        method = PropertyReader.utf8(in, property, version);
                        break;
                    case AUTHENTICATION_DATA:
                        data = WireReader.binary(in, property.displayName());
                        break;
                    case REASON_STRING:
                        reasonString = PropertyReader.utf8(in, property, version);
                        break;
                    case USER_PROPERTY:
                        users = PropertyReader.user(in, users, version);
                        break;
                    default:
                        throw new IllegalStateException(property + " passed the AUTH context check");
                }
            }
            in.limit(outer);
        }
        if (data != null && method == null) {
            throw protocolError("protocol error: AUTH carries Authentication Data without an Authentication Method"
                    + " (section 3.15.2.2.3)");
        }
        return new Auth(code, method, data, reasonString, users);
    }
}
