package io.edgemqtt.impl.io;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.impl.codec.MalformedPacketException;
import io.edgemqtt.impl.codec.MqttPacket;
import io.edgemqtt.impl.codec.Publish;
import io.edgemqtt.impl.codec.decoder.PacketDecoder;
import io.edgemqtt.impl.codec.encoder.PacketEncoder;
import io.edgemqtt.impl.codec.encoder.PublishEncoder;
import java.nio.ByteBuffer;

/** The codec as one connection uses it: the wire version and our inbound packet size limit, fixed per connection. */
public final class PacketCodec {
    private final MqttVersion version;
    private final PacketDecoder decoder;

    /**
     * @param version the protocol version on the wire
     * @param maximumPacketSize the largest packet accepted from the broker
     */
    public PacketCodec(MqttVersion version, int maximumPacketSize) {
        this.version = version;
        this.decoder = new PacketDecoder(version, maximumPacketSize);
    }

    /** @return the protocol version on the wire */
    public MqttVersion version() {
        return version;
    }

    /**
     * @param packet a packet
     * @return its size on the wire
     */
    public int encodedSize(MqttPacket packet) {
        return PacketEncoder.size(packet, version);
    }

    /**
     * @param packet a packet
     * @param out where to write it; has room for {@link #encodedSize(MqttPacket)} bytes
     */
    public void encode(MqttPacket packet, ByteBuffer out) {
        PacketEncoder.encode(packet, version, out);
    }

    /**
     * @param publish a PUBLISH
     * @return the size of its fixed and variable header (everything but the payload)
     */
    public int publishHeaderSize(Publish publish) {
        return PublishEncoder.headerSize(publish, version);
    }

    /**
     * @param publish a PUBLISH
     * @param out where to write its headers
     */
    public void encodePublishHeader(Publish publish, ByteBuffer out) {
        PublishEncoder.encodeHeader(publish, version, out);
    }

    /**
     * @param in bytes read, in read mode
     * @return the next whole packet (consumed), or null if more bytes are needed (nothing consumed)
     * @throws MalformedPacketException if the bytes break the protocol
     */
    public MqttPacket decode(ByteBuffer in) throws MalformedPacketException {
        return decoder.decode(in);
    }

    /**
     * @param in bytes read, in read mode (not consumed)
     * @return the length of the next packet, or a negative number if its header is incomplete
     * @throws MalformedPacketException if the header is malformed or announces a packet above the limit
     */
    public int frameLength(ByteBuffer in) throws MalformedPacketException {
        return decoder.frameLength(in);
    }
}
