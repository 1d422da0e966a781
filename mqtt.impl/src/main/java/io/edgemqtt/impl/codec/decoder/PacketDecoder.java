package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.impl.codec.MalformedPacketException;
import io.edgemqtt.impl.codec.MqttPacket;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.PingReq;
import io.edgemqtt.impl.codec.PingResp;
import java.nio.ByteBuffer;

/**
 * The decoding entry point: frames one packet from a read buffer and hands its body to the decoder of its type.
 *
 * <p>Usage on the I/O thread: after each read, {@code flip()} the buffer and call {@link #decode} until it returns
 * null, then {@code compact()}. When it returns null, {@link #frameLength} tells how large the buffer must be for the
 * packet in progress; it has already been checked against the maximum packet size, so the buffer never grows for a
 * packet that will be refused.
 *
 * <p>Immutable and safe to share; the version and size limit are fixed for a connection.
 */
public final class PacketDecoder {
    private final MqttVersion version;
    private final long maximumPacketSize;

    /**
     * @param version the connection's protocol version
     * @param maximumPacketSize the Maximum Packet Size this side announced, or 0 for no limit
     */
    public PacketDecoder(MqttVersion version, long maximumPacketSize) {
        this.version = version;
        this.maximumPacketSize = maximumPacketSize;
    }

    /** @return the protocol version this decoder reads */
    public MqttVersion version() {
        return version;
    }

    /**
     * @param in received bytes, a packet starting at the position; not modified
     * @return the total size of that packet, or {@link FrameReader#NEED_MORE} while its fixed header is incomplete
     * @throws MalformedPacketException as {@link FrameReader#frameLength}
     */
    public int frameLength(ByteBuffer in) {
        return FrameReader.frameLength(in, version, maximumPacketSize);
    }

    /**
     * Decodes the packet at the buffer's position if it has fully arrived.
     *
     * @param in received bytes (heap buffers take the fast path for strings)
     * @return the packet, with the buffer positioned after it; or null if the packet is incomplete, with the buffer
     *     untouched
     * @throws MalformedPacketException if the packet breaks the protocol; the connection must then be closed
     */
    public MqttPacket decode(ByteBuffer in) {
        int frame = FrameReader.frameLength(in, version, maximumPacketSize);
        if (frame == FrameReader.NEED_MORE || in.remaining() < frame) {
            return null;
        }
        int start = in.position();
        int first = in.get(start) & 0xFF;
        int bodyStart = start + 1;
        while ((in.get(bodyStart++) & 0x80) != 0) {
            // skip the Remaining Length bytes, already validated by frameLength
        }
        int end = start + frame;
        int outer = in.limit();
        in.limit(end).position(bodyStart);
        try {
            MqttPacket packet = decodeBody(in, PacketType.of(first >> 4), first & 0x0F);
            if (in.hasRemaining()) {
                throw malformed("malformed packet: " + packet.type() + " has " + in.remaining()
                        + " byte(s) after its last field within the Remaining Length");
            }
            return packet;
        } catch (IllegalArgumentException e) {
            // a value the packet records refuse that no decoder check caught: still the peer's fault
            throw malformed("malformed packet: " + e.getMessage());
        } finally {
            in.limit(outer).position(end);
        }
    }

    /** One switch, no per-packet virtual dispatch. */
    private MqttPacket decodeBody(ByteBuffer in, PacketType type, int flags) {
        switch (type) {
            case CONNECT:
                return ConnectDecoder.decode(in, version);
            case CONNACK:
                return ConnackDecoder.decode(in, version);
            case PUBLISH:
                return PublishDecoder.decode(in, flags, version);
            case PUBACK:
            case PUBREC:
            case PUBREL:
            case PUBCOMP:
                return PublishFlowDecoder.decode(in, type, version);
            case SUBSCRIBE:
                return SubscribeDecoder.decode(in, version);
            case SUBACK:
                return SubackDecoder.decode(in, version);
            case UNSUBSCRIBE:
                return UnsubscribeDecoder.decode(in, version);
            case UNSUBACK:
                return UnsubackDecoder.decode(in, version);
            case PINGREQ:
                return PingReq.INSTANCE;
            case PINGRESP:
                return PingResp.INSTANCE;
            case DISCONNECT:
                return DisconnectDecoder.decode(in, version);
            case AUTH:
                return AuthDecoder.decode(in, version);
            default:
                throw new IllegalStateException("unhandled packet type " + type);
        }
    }
}
