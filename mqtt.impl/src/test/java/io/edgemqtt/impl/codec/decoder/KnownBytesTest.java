package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.api.MqttVersion.V3_1_1;
import static io.edgemqtt.api.MqttVersion.V5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.RetainHandling;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.codec.Auth;
import io.edgemqtt.impl.codec.Connack;
import io.edgemqtt.impl.codec.Connect;
import io.edgemqtt.impl.codec.Disconnect;
import io.edgemqtt.impl.codec.Hex;
import io.edgemqtt.impl.codec.MqttPacket;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.PingReq;
import io.edgemqtt.impl.codec.PingResp;
import io.edgemqtt.impl.codec.Publish;
import io.edgemqtt.impl.codec.PublishFlow;
import io.edgemqtt.impl.codec.Suback;
import io.edgemqtt.impl.codec.Subscribe;
import io.edgemqtt.impl.codec.Unsuback;
import io.edgemqtt.impl.codec.Unsubscribe;
import io.edgemqtt.impl.codec.encoder.PacketEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte sequences written by hand from the spec's field tables (not produced by our encoder), checked in both
 * directions: they decode to the expected packet, and the encoder produces exactly them.
 */
class KnownBytesTest {

    static Stream<Arguments> known() {
        return Stream.of(
                // CONNECT 3.1.1: "MQTT", level 4, clean session, keep alive 60, client id "a"
                Arguments.of(V3_1_1, "10 0D 00 04 4D 51 54 54 04 02 00 3C 00 01 61",
                        Connect.builder(V3_1_1, "a").build()),
                // CONNECT 5: same plus an empty property block
                Arguments.of(V5, "10 0E 00 04 4D 51 54 54 05 02 00 3C 00 00 01 61",
                        Connect.builder(V5, "a").build()),
                // CONNECT 3.1.1 flags 0xEE: user, password, will retain, will QoS 1, will, clean session
                Arguments.of(V3_1_1, "10 19 00 04 4D 51 54 54 04 EE 00 0A 00 01 63 00 01 77 00 01 78 00 01 75 00 01 70",
                        Connect.builder(V3_1_1, "c").keepAlive(10).username("u").password(new byte[] {'p'})
                                .will(MqttMessage.builder("w").payload("x").qos(Qos.AT_LEAST_ONCE).retain(true)
                                        .build(), 0)
                                .build()),
                Arguments.of(V3_1_1, "20 02 01 00", Connack.builder(ReasonCode.SUCCESS, true).build()),
                Arguments.of(V3_1_1, "20 02 00 05", Connack.builder(ReasonCode.NOT_AUTHORIZED, false).build()),
                Arguments.of(V5, "20 03 00 00 00", Connack.builder(ReasonCode.SUCCESS, false).build()),
                // CONNACK 5: Receive Maximum 10, Maximum QoS 1, Retain Available 0
                Arguments.of(V5, "20 0A 00 00 07 21 00 0A 24 01 25 00",
                        Connack.builder(ReasonCode.SUCCESS, false).receiveMaximum(10).maximumQos(Qos.AT_LEAST_ONCE)
                                .retainAvailable(false).build()),
                Arguments.of(V5, "20 03 00 87 00", Connack.builder(ReasonCode.NOT_AUTHORIZED, false).build()),
                Arguments.of(V3_1_1, "30 07 00 03 61 2F 62 68 69",
                        Publish.of(MqttMessage.of("a/b", "hi", Qos.AT_MOST_ONCE), 0)),
                // 0x3B = PUBLISH, DUP, QoS 1, RETAIN; packet id 10
                Arguments.of(V3_1_1, "3B 09 00 03 61 2F 62 00 0A 68 69",
                        Publish.of(MqttMessage.builder("a/b").payload("hi").qos(Qos.AT_LEAST_ONCE).retain(true)
                                .duplicate(true).build(), 10).withDup(true)),
                // PUBLISH 5 QoS 1 with Topic Alias 5
                Arguments.of(V5, "32 0D 00 03 61 2F 62 00 01 03 23 00 05 68 69",
                        Publish.of(MqttMessage.builder("a/b").payload("hi").build(), 1).withTopicAlias(5, false)),
                // PUBLISH 5 with only the alias: empty topic
                Arguments.of(V5, "30 08 00 00 03 23 00 05 68 69",
                        Publish.of(MqttMessage.builder("").payload("hi").qos(Qos.AT_MOST_ONCE).build(), 0)
                                .withTopicAlias(5, true)),
                Arguments.of(V5, "40 02 00 07", PublishFlow.of(PacketType.PUBACK, 7)),
                Arguments.of(V5, "40 03 00 07 10",
                        PublishFlow.of(PacketType.PUBACK, 7, ReasonCode.NO_MATCHING_SUBSCRIBERS)),
                Arguments.of(V3_1_1, "50 02 00 07", PublishFlow.of(PacketType.PUBREC, 7)),
                Arguments.of(V3_1_1, "62 02 00 07", PublishFlow.of(PacketType.PUBREL, 7)),
                Arguments.of(V5, "70 03 00 07 92",
                        PublishFlow.of(PacketType.PUBCOMP, 7, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND)),
                Arguments.of(V3_1_1, "82 0C 00 01 00 03 61 2F 62 01 00 01 63 00",
                        new Subscribe(1, List.of(Subscription.of("a/b", Qos.AT_LEAST_ONCE),
                                Subscription.of("c", Qos.AT_MOST_ONCE)), 0, List.of())),
                // SUBSCRIBE 5: Subscription Identifier 7; options 0x2E = QoS 2, No Local, RAP, Retain Handling 2
                Arguments.of(V5, "82 0B 00 01 02 0B 07 00 03 61 2F 62 2E",
                        new Subscribe(1, List.of(Subscription.builder("a/b").qos(Qos.EXACTLY_ONCE).noLocal(true)
                                .retainAsPublished(true).retainHandling(RetainHandling.DO_NOT_SEND).build()),
                                7, List.of())),
                Arguments.of(V3_1_1, "90 05 00 01 00 02 80",
                        new Suback(1, List.of(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_2,
                                ReasonCode.UNSPECIFIED_ERROR), null, List.of())),
                Arguments.of(V5, "90 05 00 01 00 01 A2",
                        new Suback(1, List.of(ReasonCode.GRANTED_QOS_1,
                                ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED), null, List.of())),
                Arguments.of(V3_1_1, "A2 05 00 02 00 01 61", new Unsubscribe(2, List.of("a"), List.of())),
                Arguments.of(V5, "A2 06 00 02 00 00 01 61", new Unsubscribe(2, List.of("a"), List.of())),
                Arguments.of(V3_1_1, "B0 02 00 05", new Unsuback(5, List.of(), null, List.of())),
                Arguments.of(V5, "B0 04 00 05 00 11",
                        new Unsuback(5, List.of(ReasonCode.NO_SUBSCRIPTION_EXISTED), null, List.of())),
                Arguments.of(V3_1_1, "C0 00", PingReq.INSTANCE),
                Arguments.of(V5, "D0 00", PingResp.INSTANCE),
                Arguments.of(V3_1_1, "E0 00", Disconnect.NORMAL),
                Arguments.of(V5, "E0 00", Disconnect.NORMAL),
                Arguments.of(V5, "E0 01 8E", Disconnect.of(ReasonCode.SESSION_TAKEN_OVER)),
                Arguments.of(V5, "F0 00", new Auth(ReasonCode.SUCCESS, null, null, null, List.of())),
                // AUTH 5: Continue authentication, method "SCRAM"
                Arguments.of(V5, "F0 0A 18 08 15 00 05 53 43 52 41 4D",
                        new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "SCRAM", null, null, List.of())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("known")
    void decodes(MqttVersion version, String hex, MqttPacket expected) {
        ByteBuffer in = Hex.buffer(hex);
        assertEquals(expected, new PacketDecoder(version, 0).decode(in));
        assertEquals(0, in.remaining());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("known")
    void encodes(MqttVersion version, String hex, MqttPacket packet) {
        ByteBuffer out = ByteBuffer.allocate(PacketEncoder.size(packet, version));
        PacketEncoder.encode(packet, version, out);
        assertEquals(hex, Hex.of(out.array(), out.position()));
    }

    @Test
    void mqtt5PropertiesAreDroppedOn311() {
        MqttMessage rich = MqttMessage.builder("t").payload("p").qos(Qos.AT_LEAST_ONCE).contentType("text/plain")
                .userProperty("k", "v").build();
        ByteBuffer out = ByteBuffer.allocate(64);
        PacketEncoder.encode(Publish.of(rich, 1).withTopicAlias(3, true), V3_1_1, out);
        assertEquals("32 06 00 01 74 00 01 70", Hex.of(out.array(), out.position()));
    }

    @Test
    void mqtt5FailureCodesBecome0x80InA311Suback() {
        ByteBuffer out = ByteBuffer.allocate(16);
        PacketEncoder.encode(new Suback(1, List.of(ReasonCode.QUOTA_EXCEEDED, ReasonCode.GRANTED_QOS_1), "x",
                List.of()), V3_1_1, out);
        assertEquals("90 04 00 01 80 01", Hex.of(out.array(), out.position()));
    }

    @Test
    void inboundPublishCopiesThePayloadOutOfTheReadBuffer() {
        byte[] wire = Hex.bytes("30 07 00 03 61 2F 62 68 69");
        Publish publish = (Publish) new PacketDecoder(V3_1_1, 0).decode(ByteBuffer.wrap(wire));
        wire[7] = 'X';
        assertEquals("hi", publish.message().payloadAsString());
        assertTrue(publish.message().payload().isReadOnly());
    }
}
