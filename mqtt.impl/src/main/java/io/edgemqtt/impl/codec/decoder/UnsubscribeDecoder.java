package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.protocolError;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.Unsubscribe;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Decodes UNSUBSCRIBE (section 3.10), for round-trip tests and test brokers. */
public final class UnsubscribeDecoder {
    private static final String PACKET = "UNSUBSCRIBE";
    private static final int CONTEXT = PacketType.UNSUBSCRIBE.value();

    private UnsubscribeDecoder() {}

    /**
     * @param in the variable header onwards, limited to the packet
     * @param version the connection's protocol version
     * @return the packet
     */
    public static Unsubscribe decode(ByteBuffer in, MqttVersion version) {
        int packetId = WireReader.packetId(in, PACKET, version);
        List<UserProperty> users = null;
        if (version == MqttVersion.V5) {
            int outer = PropertyReader.open(in, PACKET);
            long seen = 0;
            while (in.hasRemaining()) {
                Property property = PropertyReader.next(in, CONTEXT, PACKET);
                seen = PropertyReader.once(property, CONTEXT, seen, PACKET);
                users = PropertyReader.user(in, users, version);
            }
            in.limit(outer);
        }
        List<String> filters = new ArrayList<>(4);
        while (in.hasRemaining()) {
            filters.add(WireReader.utf8(in, "UNSUBSCRIBE Topic Filter", version));
        }
        if (filters.isEmpty()) {
            throw protocolError("[MQTT-3.10.3-2] UNSUBSCRIBE must carry at least one Topic Filter");
        }
        return new Unsubscribe(packetId, filters, users);
    }
}
