package io.edgemqtt.impl.codec;

/** PINGRESP: no content, so one instance serves every use. */
public record PingResp() implements MqttPacket {
    public static final PingResp INSTANCE = new PingResp();

    @Override
    public PacketType type() {
        return PacketType.PINGRESP;
    }
}
