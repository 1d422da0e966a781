package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import io.edgemqtt.impl.codec.Subscribe;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Encodes SUBSCRIBE (section 3.8). Filters are validated by the engine (TopicValidator) before; on 3.1.1 only the
 * requested QoS of each subscription is sent.
 */
public final class SubscribeEncoder {
    private SubscribeEncoder() {}

    /** @return the total size of the packet */
    public static int size(Subscribe packet, MqttVersion version) {
        return WireWriter.totalSize(remainingLength(packet, version, propertiesLength(packet, version)));
    }

    /**
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} is too small; nothing is written then
     */
    public static int encode(Subscribe packet, MqttVersion version, ByteBuffer out) {
        int propertiesLength = propertiesLength(packet, version);
        int remaining = remainingLength(packet, version, propertiesLength);
        int total = WireWriter.totalSize(remaining);
        WireWriter.ensure(out, total);
        WireWriter.fixedHeader(out, PacketType.SUBSCRIBE.firstByte(), remaining);
        out.putShort((short) packet.packetId());
        boolean v5 = version == MqttVersion.V5;
        if (v5) {
            WireWriter.varInt(out, propertiesLength);
            if (packet.subscriptionIdentifier() > 0) {
                out.put((byte) Property.SUBSCRIPTION_IDENTIFIER.id());
                WireWriter.varInt(out, packet.subscriptionIdentifier());
            }
            WireWriter.userProperties(out, packet.userProperties());
        }
        List<Subscription> subscriptions = packet.subscriptions();
        for (int i = 0, n = subscriptions.size(); i < n; i++) {
            Subscription subscription = subscriptions.get(i);
            WireWriter.utf8(out, subscription.filter());
            int options = subscription.qos().value();
            if (v5) {
                options |= (subscription.isNoLocal() ? 0x04 : 0) | (subscription.isRetainAsPublished() ? 0x08 : 0)
                        | subscription.retainHandling().value() << 4;
            }
            out.put((byte) options);
        }
        return total;
    }

    private static int propertiesLength(Subscribe packet, MqttVersion version) {
        if (version != MqttVersion.V5) {
            return 0;
        }
        int id = packet.subscriptionIdentifier();
        return (id > 0 ? 1 + WireWriter.varIntSize(id) : 0) + WireWriter.userPropertiesSize(packet.userProperties());
    }

    private static int remainingLength(Subscribe packet, MqttVersion version, int propertiesLength) {
        int length = 2 + (version == MqttVersion.V5 ? WireWriter.propertiesSize(propertiesLength) : 0);
        List<Subscription> subscriptions = packet.subscriptions();
        for (int i = 0, n = subscriptions.size(); i < n; i++) {
            length += WireWriter.utf8Size(subscriptions.get(i).filter(), "Topic Filter") + 1;
        }
        return length;
    }
}
