package io.edgemqtt.impl.codec;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.RetainHandling;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.UserProperty;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One packet of every type for each protocol version; on MQTT 5 with every property it can carry. Used by the round
 * trip and split-point tests.
 */
public final class SamplePackets {
    private static final List<UserProperty> USERS = List.of(UserProperty.of("k", "v"), UserProperty.of("k", "v2"),
            UserProperty.of("ünï", "çødé ✓"));

    private SamplePackets() {}

    public static List<Arguments> all() {
        List<Arguments> out = new ArrayList<>();
        for (MqttPacket packet : v5()) {
            out.add(Arguments.of(MqttVersion.V5, packet));
        }
        for (MqttPacket packet : v311()) {
            out.add(Arguments.of(MqttVersion.V3_1_1, packet));
        }
        return out;
    }

    static MqttMessage fullMessage(String topic, Qos qos) {
        return MqttMessage.builder(topic)
                .payload("payload ✓ ".repeat(3))
                .qos(qos)
                .retain(true)
                .payloadUtf8(true)
                .messageExpiryInterval(0xFFFF_FFFFL)
                .contentType("text/plain")
                .responseTopic("reply/to/me")
                .correlationData(new byte[] {1, 2, 3, 0, -1})
                .userProperties(USERS)
                .build();
    }

    static List<MqttPacket> v5() {
        List<MqttPacket> packets = new ArrayList<>();
        packets.add(Connect.builder(MqttVersion.V5, "").build());
        packets.add(Connect.builder(MqttVersion.V5, "client-ü")
                .cleanStart(false)
                .keepAlive(0xFFFF)
                .username("user")
                .password(new byte[] {0, 1, 2, (byte) 0xFF})
                .will(fullMessage("will/topic", Qos.EXACTLY_ONCE), 30)
                .sessionExpiry(0xFFFF_FFFFL)
                .receiveMaximum(10)
                .maximumPacketSize(1 << 20)
                .topicAliasMaximum(16)
                .requestResponseInformation(true)
                .requestProblemInformation(false)
                .userProperties(USERS)
                .authentication("SCRAM-SHA-1", new byte[] {9, 8, 7})
                .build());
        packets.add(Connect.builder(MqttVersion.V5, "pw-only").password(new byte[] {1}).build());
        packets.add(Connack.builder(ReasonCode.SUCCESS, false).build());
        packets.add(Connack.builder(ReasonCode.SUCCESS, true)
                .sessionExpiry(3600)
                .receiveMaximum(20)
                .maximumQos(Qos.AT_LEAST_ONCE)
                .retainAvailable(false)
                .maximumPacketSize(65536)
                .assignedClientIdentifier("auto-1234")
                .topicAliasMaximum(10)
                .reasonString("welcome")
                .userProperties(USERS)
                .wildcardSubscriptionAvailable(false)
                .subscriptionIdentifiersAvailable(false)
                .sharedSubscriptionAvailable(false)
                .serverKeepAlive(120)
                .responseInformation("resp/")
                .serverReference("other:1883")
                .authentication("SCRAM-SHA-1", new byte[] {4, 5})
                .build());
        packets.add(Connack.builder(ReasonCode.BANNED, false).reasonString("go away").build());
        packets.add(Connack.builder(ReasonCode.SUCCESS, false).maximumQos(Qos.AT_MOST_ONCE).build());
        packets.add(Publish.of(MqttMessage.of("a/b", new byte[0], Qos.AT_MOST_ONCE), 0));
        packets.add(Publish.of(fullMessage("sensors/zürich/温度/😀", Qos.AT_LEAST_ONCE), 1));
        packets.add(Publish.of(fullMessage("q2", Qos.EXACTLY_ONCE).toBuilder().duplicate(true).build(), 0xFFFF)
                .withDup(true).withTopicAlias(7, false));
        packets.add(Publish.of(MqttMessage.builder("inbound").qos(Qos.AT_MOST_ONCE)
                .subscriptionIdentifiers(List.of(1, 300, 268_435_455)).build(), 0));
        packets.add(Publish.of(MqttMessage.builder("big").payload(new byte[100_000]).qos(Qos.AT_LEAST_ONCE)
                .build(), 42));
        for (PacketType type : List.of(PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL,
                PacketType.PUBCOMP)) {
            packets.add(PublishFlow.of(type, 1));
            packets.add(new PublishFlow(type, 2, ReasonCode.SUCCESS, "why", USERS));
        }
        packets.add(PublishFlow.of(PacketType.PUBACK, 3, ReasonCode.NO_MATCHING_SUBSCRIBERS));
        packets.add(PublishFlow.of(PacketType.PUBREC, 3, ReasonCode.QUOTA_EXCEEDED));
        packets.add(new PublishFlow(PacketType.PUBCOMP, 4, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, "lost", List.of()));
        packets.add(new Subscribe(10, List.of(
                Subscription.builder("sport/tennis/+").qos(Qos.EXACTLY_ONCE).noLocal(true).retainAsPublished(true)
                        .retainHandling(RetainHandling.DO_NOT_SEND).build(),
                Subscription.builder("$share/group/a/#").qos(Qos.AT_MOST_ONCE)
                        .retainHandling(RetainHandling.SEND_IF_NEW_SUBSCRIPTION).build()),
                268_435_455, USERS));
        packets.add(new Subscribe(11, List.of(Subscription.of("x", Qos.AT_LEAST_ONCE)), 0, List.of()));
        packets.add(new Suback(10, List.of(ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_0,
                ReasonCode.QUOTA_EXCEEDED, ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED), "partly", USERS));
        packets.add(new Unsubscribe(12, List.of("a/b", "c/#"), USERS));
        packets.add(new Unsuback(12, List.of(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED), "done",
                USERS));
        packets.add(PingReq.INSTANCE);
        packets.add(PingResp.INSTANCE);
        packets.add(Disconnect.NORMAL);
        packets.add(Disconnect.of(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE));
        packets.add(new Disconnect(ReasonCode.SERVER_MOVED, 0, "moved", "elsewhere:8883", USERS));
        packets.add(new Auth(ReasonCode.SUCCESS, null, null, null, List.of()));
        packets.add(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "SCRAM-SHA-1",
                "client-first".getBytes(StandardCharsets.UTF_8), "step", USERS));
        return packets;
    }

    static List<MqttPacket> v311() {
        List<MqttPacket> packets = new ArrayList<>();
        packets.add(Connect.builder(MqttVersion.V3_1_1, "").build());
        packets.add(Connect.builder(MqttVersion.V3_1_1, "client")
                .cleanStart(false)
                .keepAlive(10)
                .username("user")
                .password(new byte[] {0, 1, 2})
                .will(MqttMessage.builder("will/t").payload("bye").qos(Qos.AT_LEAST_ONCE).retain(true).build(), 0)
                .build());
        packets.add(Connack.builder(ReasonCode.SUCCESS, true).build());
        for (ReasonCode code : List.of(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                ReasonCode.SERVER_UNAVAILABLE, ReasonCode.BAD_USER_NAME_OR_PASSWORD, ReasonCode.NOT_AUTHORIZED)) {
            packets.add(Connack.builder(code, false).build());
        }
        packets.add(Publish.of(MqttMessage.of("a/b", "hi", Qos.AT_MOST_ONCE), 0));
        packets.add(Publish.of(MqttMessage.builder("zürich/😀").payload("x").qos(Qos.AT_LEAST_ONCE).retain(true)
                .build(), 7));
        packets.add(Publish.of(MqttMessage.builder("q2").qos(Qos.EXACTLY_ONCE).duplicate(true).build(), 8)
                .withDup(true));
        for (PacketType type : List.of(PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL,
                PacketType.PUBCOMP)) {
            packets.add(PublishFlow.of(type, 0xFFFF));
        }
        packets.add(new Subscribe(1, List.of(Subscription.of("a/+", Qos.AT_LEAST_ONCE),
                Subscription.of("#", Qos.EXACTLY_ONCE)), 0, List.of()));
        packets.add(new Suback(1, List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.UNSPECIFIED_ERROR,
                ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_2), null, List.of()));
        packets.add(new Unsubscribe(2, List.of("a/+", "#"), List.of()));
        packets.add(new Unsuback(2, List.of(), null, List.of()));
        packets.add(PingReq.INSTANCE);
        packets.add(PingResp.INSTANCE);
        packets.add(Disconnect.NORMAL);
        return packets;
    }
}
