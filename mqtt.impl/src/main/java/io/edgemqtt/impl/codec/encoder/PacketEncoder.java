package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.impl.codec.Auth;
import io.edgemqtt.impl.codec.Connack;
import io.edgemqtt.impl.codec.Connect;
import io.edgemqtt.impl.codec.Disconnect;
import io.edgemqtt.impl.codec.MqttPacket;
import io.edgemqtt.impl.codec.Publish;
import io.edgemqtt.impl.codec.PublishFlow;
import io.edgemqtt.impl.codec.Suback;
import io.edgemqtt.impl.codec.Subscribe;
import io.edgemqtt.impl.codec.Unsuback;
import io.edgemqtt.impl.codec.Unsubscribe;
import java.nio.ByteBuffer;

/**
 * The encoding entry point: dispatches on the packet type to the stateless encoder of that type. Hot paths may call
 * the type's encoder directly (e.g. {@link PublishEncoder#encodeHeader} for a gathering write).
 *
 * <p>Every encoder validates and sizes the packet before writing, so a failure leaves the buffer untouched: {@link
 * java.nio.BufferOverflowException} when it is too small (grow to {@link #size} and retry), {@link
 * io.edgemqtt.api.MqttException} for content that cannot be sent (a string over 65535 bytes, U+0000, a packet beyond
 * the largest Remaining Length), {@link IllegalArgumentException} for a packet that does not exist on the version.
 */
public final class PacketEncoder {
    private PacketEncoder() {}

    /**
     * @param packet any packet
     * @param version the connection's protocol version
     * @return the total bytes the packet takes on the wire (compare with the peer's Maximum Packet Size)
     */
    public static int size(MqttPacket packet, MqttVersion version) {
        switch (packet.type()) {
            case CONNECT:
                return ConnectEncoder.size((Connect) packet, version);
            case CONNACK:
                return ConnackEncoder.size((Connack) packet, version);
            case PUBLISH:
                return PublishEncoder.size((Publish) packet, version);
            case PUBACK:
            case PUBREC:
            case PUBREL:
            case PUBCOMP:
                return PublishFlowEncoder.size((PublishFlow) packet, version);
            case SUBSCRIBE:
                return SubscribeEncoder.size((Subscribe) packet, version);
            case SUBACK:
                return SubackEncoder.size((Suback) packet, version);
            case UNSUBSCRIBE:
                return UnsubscribeEncoder.size((Unsubscribe) packet, version);
            case UNSUBACK:
                return UnsubackEncoder.size((Unsuback) packet, version);
            case PINGREQ:
            case PINGRESP:
                return PingEncoder.SIZE;
            case DISCONNECT:
                return DisconnectEncoder.size((Disconnect) packet, version);
            case AUTH:
                return AuthEncoder.size((Auth) packet, version);
            default:
                throw new IllegalStateException("unhandled packet type " + packet.type());
        }
    }

    /**
     * @param packet any packet
     * @param version the connection's protocol version
     * @param out a heap buffer with at least {@link #size} bytes remaining
     * @return the bytes written
     */
    public static int encode(MqttPacket packet, MqttVersion version, ByteBuffer out) {
        switch (packet.type()) {
            case CONNECT:
                return ConnectEncoder.encode((Connect) packet, version, out);
            case CONNACK:
                return ConnackEncoder.encode((Connack) packet, version, out);
            case PUBLISH:
                return PublishEncoder.encode((Publish) packet, version, out);
            case PUBACK:
            case PUBREC:
            case PUBREL:
            case PUBCOMP:
                return PublishFlowEncoder.encode((PublishFlow) packet, version, out);
            case SUBSCRIBE:
                return SubscribeEncoder.encode((Subscribe) packet, version, out);
            case SUBACK:
                return SubackEncoder.encode((Suback) packet, version, out);
            case UNSUBSCRIBE:
                return UnsubscribeEncoder.encode((Unsubscribe) packet, version, out);
            case UNSUBACK:
                return UnsubackEncoder.encode((Unsuback) packet, version, out);
            case PINGREQ:
            case PINGRESP:
                return PingEncoder.encode(packet.type(), out);
            case DISCONNECT:
                return DisconnectEncoder.encode((Disconnect) packet, version, out);
            case AUTH:
                return AuthEncoder.encode((Auth) packet, version, out);
            default:
                throw new IllegalStateException("unhandled packet type " + packet.type());
        }
    }
}
