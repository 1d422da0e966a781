package io.edgemqtt.impl.codec;

/** PINGREQ: no content, so one instance serves every use. */
public record PingReq() implements MqttPacket {
    public static final PingReq INSTANCE = new PingReq();

    @Override
    public PacketType type() {
        return PacketType.PINGREQ;
    }
}
