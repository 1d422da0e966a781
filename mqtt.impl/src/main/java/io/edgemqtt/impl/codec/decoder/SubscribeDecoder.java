package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;
import static io.edgemqtt.impl.codec.MalformedPacketException.protocolError;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.RetainHandling;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.Subscribe;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes SUBSCRIBE (section 3.8), for round-trip tests and test brokers. Topic filters are checked as UTF-8 here;
 * whether they are valid filters is the receiver's decision (a SUBACK code, not a malformed packet).
 */
public final class SubscribeDecoder {
    private static final String PACKET = "SUBSCRIBE";
    private static final int CONTEXT = PacketType.SUBSCRIBE.value();

    private SubscribeDecoder() {}

    /**
     * @param in the variable header onwards, limited to the packet
     * @param version the connection's protocol version
     * @return the packet
     */
    public static Subscribe decode(ByteBuffer in, MqttVersion version) {
        boolean v5 = version == MqttVersion.V5;
        int packetId = WireReader.packetId(in, PACKET, version);
        int subscriptionIdentifier = 0;
        List<UserProperty> users = null;
        if (v5) {
            int outer = PropertyReader.open(in, PACKET);
            long seen = 0;
            while (in.hasRemaining()) {
                Property property = PropertyReader.next(in, CONTEXT, PACKET);
                seen = PropertyReader.once(property, CONTEXT, seen, PACKET);
                if (property == Property.SUBSCRIPTION_IDENTIFIER) {
                    subscriptionIdentifier = PropertyReader.subscriptionIdentifier(in, PACKET);
                } else {
                    users = PropertyReader.user(in, users, version);
                }
            }
            in.limit(outer);
        }
        List<Subscription> subscriptions = new ArrayList<>(4);
        while (in.hasRemaining()) {
            String filter = WireReader.utf8(in, "SUBSCRIBE Topic Filter", version);
            int options = WireReader.u8(in, "SUBSCRIBE Subscription Options");
            subscriptions.add(v5 ? options5(filter, options) : options311(filter, options));
        }
        if (subscriptions.isEmpty()) {
            throw protocolError("[" + (v5 ? "MQTT-3.8.3-2" : "MQTT-3.8.3-3")
                    + "] SUBSCRIBE must carry at least one Topic Filter");
        }
        return new Subscribe(packetId, subscriptions, subscriptionIdentifier, users);
    }

    private static Subscription options5(String filter, int options) {
        if ((options & 0xC0) != 0) {
            throw malformed("[MQTT-3.8.3-5] SUBSCRIBE Subscription Options bits 7-6 are reserved and must be 0");
        }
        int qos = options & 0b11;
        if (qos == 3) {
            throw protocolError("protocol error: SUBSCRIBE Maximum QoS must not be 3 (section 3.8.3.1)");
        }
        int retainHandling = (options >> 4) & 0b11;
        if (retainHandling == 3) {
            throw protocolError("protocol error: SUBSCRIBE Retain Handling must not be 3 (section 3.8.3.1)");
        }
        return Subscription.builder(filter)
                .qos(Qos.of(qos))
                .noLocal((options & 0x04) != 0)
                .retainAsPublished((options & 0x08) != 0)
                .retainHandling(RetainHandling.of(retainHandling))
                .build();
    }

    private static Subscription options311(String filter, int options) {
        if ((options & 0xFC) != 0 || (options & 0b11) == 3) {
            throw malformed("[MQTT-3-8.3-4] SUBSCRIBE Requested QoS byte must be 0, 1 or 2 with reserved bits 0,"
                    + " was 0x" + Integer.toHexString(options));
        }
        return Subscription.of(filter, Qos.of(options));
    }
}
