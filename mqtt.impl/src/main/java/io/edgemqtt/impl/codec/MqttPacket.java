package io.edgemqtt.impl.codec;

/**
 * An MQTT control packet, modelled as MQTT 5 (the superset); MQTT 3.1.1 is a view chosen when encoding and decoding.
 * Every implementation is an immutable value.
 */
public sealed interface MqttPacket
        permits Connect, Connack, Publish, PublishFlow, Subscribe, Suback, Unsubscribe, Unsuback, PingReq, PingResp,
                Disconnect, Auth {

    /** @return the control packet type */
    PacketType type();
}
