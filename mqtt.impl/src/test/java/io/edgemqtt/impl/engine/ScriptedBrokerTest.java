package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.ConnectResult;
import io.edgemqtt.api.DisconnectEvent;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttClientFactory;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.ReconnectPolicy;
import io.edgemqtt.api.SubscribeResult;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.api.spi.EnhancedAuthenticator;
import io.edgemqtt.impl.codec.Auth;
import io.edgemqtt.impl.codec.Connack;
import io.edgemqtt.impl.codec.Connect;
import io.edgemqtt.impl.codec.Disconnect;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Publish;
import io.edgemqtt.impl.codec.PublishFlow;
import io.edgemqtt.impl.codec.Suback;
import io.edgemqtt.impl.codec.Subscribe;
import io.edgemqtt.impl.testing.HiveMqBroker;
import io.edgemqtt.impl.testing.HiveMqExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MQTT 5 behaviour that neither HiveMQ CE nor Mosquitto shows a client (both were checked): referrals to another
 * server, topic aliases from the broker, a broker breaking our receive maximum, a payload that breaks its own format
 * indicator, and enhanced authentication (HiveMQ CE needs an extension for it, Mosquitto a plugin). A {@link
 * ScriptedBroker} plays the broker; where a real one is needed after a referral, it is the shared HiveMQ.
 */
@ExtendWith(HiveMqExtension.class)
class ScriptedBrokerTest {
    private final TestClients clients = new TestClients();

    @AfterEach
    void close() {
        clients.close();
    }

    private MqttClient client(ScriptedBroker broker, ConnectionEvents events,
            UnaryOperator<io.edgemqtt.api.ConnectOptions.Builder> options) {
        MqttClient client = clients.create(broker.uri(), MqttVersion.V5, options);
        client.addConnectionListener(events);
        return client;
    }

    private static ScriptedBroker.Session acceptConnected(ScriptedBroker broker) throws Exception {
        ScriptedBroker.Session session = broker.accept();
        session.readConnect();
        session.send(Connack.builder(ReasonCode.SUCCESS, false).build());
        return session;
    }

    @Test
    void aConnackReferralSendsTheNextAttemptToTheReferencedServer(HiveMqBroker hivemq) throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (ScriptedBroker broker = new ScriptedBroker()) {
            MqttClient client = client(broker, events, UnaryOperator.identity());
            CompletionStage<ConnectResult> connected = client.connect();
            try (ScriptedBroker.Session session = broker.accept()) {
                session.readConnect();
                session.send(Connack.builder(ReasonCode.USE_ANOTHER_SERVER, false)
                        .serverReference(hivemq.host() + ":" + hivemq.port())
                        .reasonString("full, try the other one")
                        .build());
                ConnectResult result = Await.await(connected);
                assertEquals(URI.create(hivemq.uri()), result.serverUri());
            }
            DisconnectEvent refused = events.nextDisconnected();
            assertSame(DisconnectEvent.Initiator.SERVER, refused.initiator());
            MqttException cause = refused.cause().orElseThrow();
            assertEquals(ReasonCode.USE_ANOTHER_SERVER, cause.reasonCode());
            assertEquals(Optional.of("full, try the other one"), cause.reasonString());
            assertTrue(cause.getMessage().contains("the next attempt goes to " + hivemq.uri()), cause.getMessage());
        }
    }

    @Test
    void aDisconnectWithServerMovedIsReportedWithReasonStringAndUserPropertiesAndFollowed(HiveMqBroker hivemq)
            throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (ScriptedBroker broker = new ScriptedBroker()) {
            MqttClient client = client(broker, events, UnaryOperator.identity());
            client.connect();
            try (ScriptedBroker.Session session = acceptConnected(broker)) {
                assertEquals(URI.create(broker.uri()), events.nextConnected().serverUri());
                session.send(new Disconnect(ReasonCode.SERVER_MOVED, -1, "maintenance",
                        "tcp://" + hivemq.host() + ":" + hivemq.port(), List.of(UserProperty.of("window", "2h"))));
                DisconnectEvent moved = events.nextDisconnected();
                assertSame(DisconnectEvent.Initiator.SERVER, moved.initiator());
                assertTrue(moved.willReconnect());
                MqttException cause = moved.cause().orElseThrow();
                assertEquals(ReasonCode.SERVER_MOVED, cause.reasonCode());
                assertFalse(cause.isLocal());
                assertEquals(Optional.of("maintenance"), cause.reasonString());
                assertEquals(List.of(UserProperty.of("window", "2h")), cause.userProperties());
                assertTrue(cause.getMessage().contains("broker says: maintenance"), cause.getMessage());
            }
            assertEquals(URI.create(hivemq.uri()), events.nextConnected().serverUri());
        }
    }

    @Test
    void inboundTopicAliasesAreResolvedPerConnection() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (ScriptedBroker broker = new ScriptedBroker()) {
            MqttClient client = client(broker, events, o -> o.topicAliasMaximum(2));
            client.connect();
            try (ScriptedBroker.Session session = broker.accept()) {
                Connect connect = session.readConnect();
                assertEquals(2, connect.topicAliasMaximum(), "announced");
                session.send(Connack.builder(ReasonCode.SUCCESS, false).build());
                events.nextConnected();
                session.send(aliased("sensors/a", 1, false, 0, "1"));
                session.send(aliased("", 1, true, 0, "2"));
                session.send(aliased("sensors/b", 2, false, 0, "3"));
                session.send(aliased("sensors/c", 1, false, 0, "4")); // alias 1 now means sensors/c
                session.send(aliased("", 1, true, 0, "5"));
                session.send(aliased("", 2, true, 0, "6"));
                List<String> expected = List.of("sensors/a:1", "sensors/a:2", "sensors/b:3", "sensors/c:4",
                        "sensors/c:5", "sensors/b:6");
                for (String each : expected) {
                    MqttMessage message = Await.pollQueue(client);
                    assertEquals(each, message.topic() + ":" + message.payloadAsString());
                }
            }
            events.nextDisconnected(); // the scripted connection ended
        }
    }

    @Test
    void anAliasAboveOurTopicAliasMaximumIsTopicAliasInvalid() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (ScriptedBroker broker = new ScriptedBroker()) {
            MqttClient client = client(broker, events, o -> o.topicAliasMaximum(2)
                    .reconnectPolicy(ReconnectPolicy.DISABLED));
            client.connect();
            try (ScriptedBroker.Session session = acceptConnected(broker)) {
                events.nextConnected();
                session.send(aliased("sensors/a", 3, false, 0, "x"));
                Disconnect disconnect = session.expect(Disconnect.class);
                assertEquals(ReasonCode.TOPIC_ALIAS_INVALID, disconnect.reasonCode());
                assertTrue(session.closedByClient());
            }
            MqttException cause = events.nextDisconnected().cause().orElseThrow();
            assertEquals(ReasonCode.TOPIC_ALIAS_INVALID, cause.reasonCode());
            assertTrue(cause.getMessage().contains("topic alias 3"), cause.getMessage());
        }
    }

    @Test
    void anAliasWithoutAMappingIsAProtocolError() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (ScriptedBroker broker = new ScriptedBroker()) {
            MqttClient client = client(broker, events, o -> o.topicAliasMaximum(5)
                    .reconnectPolicy(ReconnectPolicy.DISABLED));
            client.connect();
            try (ScriptedBroker.Session session = acceptConnected(broker)) {
                events.nextConnected();
                session.send(aliased("", 4, true, 0, "x"));
                assertEquals(ReasonCode.PROTOCOL_ERROR, session.expect(Disconnect.class).reasonCode());
            }
            assertEquals(ReasonCode.PROTOCOL_ERROR, events.nextDisconnected().cause().orElseThrow().reasonCode());
        }
    }

    @Test
    void anAliasWhenWeAnnouncedNoneIsTopicAliasInvalid() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (ScriptedBroker broker = new ScriptedBroker()) {
            MqttClient client = client(broker, events, o -> o.reconnectPolicy(ReconnectPolicy.DISABLED));
            client.connect();
            try (ScriptedBroker.Session session = acceptConnected(broker)) {
                events.nextConnected();
                session.send(aliased("sensors/a", 1, false, 0, "x"));
                assertEquals(ReasonCode.TOPIC_ALIAS_INVALID, session.expect(Disconnect.class).reasonCode());
            }
        }
    }

    @Test
    void moreUnacknowledgedQos2PublishesThanOurReceiveMaximumIsReceiveMaximumExceeded() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (ScriptedBroker broker = new ScriptedBroker()) {
            MqttClient client = client(broker, events, o -> o.receiveMaximum(2)
                    .reconnectPolicy(ReconnectPolicy.DISABLED));
            client.connect();
            try (ScriptedBroker.Session session = broker.accept()) {
                assertEquals(2, session.readConnect().receiveMaximum(), "announced");
                session.send(Connack.builder(ReasonCode.SUCCESS, false).build());
                events.nextConnected();
                // Two in flight is allowed; completing one frees its slot.
                session.send(aliased("q/a", 0, false, 1, "1"));
                session.send(aliased("q/a", 0, false, 2, "2"));
                assertEquals(1, session.expect(PublishFlow.class).packetId());
                assertEquals(2, session.expect(PublishFlow.class).packetId());
                session.send(PublishFlow.of(PacketType.PUBREL, 1));
                PublishFlow complete = session.expect(PublishFlow.class);
                assertEquals(PacketType.PUBCOMP, complete.type());
                session.send(aliased("q/a", 0, false, 3, "3"));
                assertEquals(PacketType.PUBREC, session.expect(PublishFlow.class).type());
                // Now 2 and 3 wait for PUBREL: a third is one too many.
                session.send(aliased("q/a", 0, false, 4, "4"));
                Disconnect disconnect = session.expect(Disconnect.class);
                assertEquals(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, disconnect.reasonCode());
            }
            MqttException cause = events.nextDisconnected().cause().orElseThrow();
            assertEquals(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, cause.reasonCode());
            for (String payload : List.of("1", "2", "3")) {
                assertEquals(payload, Await.pollQueue(client).payloadAsString());
            }
            assertTrue(client.poll().isEmpty(), "the publish beyond the maximum is not delivered");
        }
    }

    @Test
    void aPayloadThatIsNotTheUtf8ItClaimsIsRefusedWithPayloadFormatInvalidAndNotDelivered() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        byte[] notUtf8 = {(byte) 0xC3, 0x28};
        try (ScriptedBroker broker = new ScriptedBroker()) {
            MqttClient client = client(broker, events, UnaryOperator.identity());
            client.connect();
            try (ScriptedBroker.Session session = acceptConnected(broker)) {
                events.nextConnected();
                session.send(Publish.of(MqttMessage.builder("t/bad").payload(notUtf8).payloadUtf8(true)
                        .qos(Qos.AT_LEAST_ONCE).build(), 1));
                PublishFlow ack = session.expect(PublishFlow.class);
                assertEquals(PacketType.PUBACK, ack.type());
                assertEquals(ReasonCode.PAYLOAD_FORMAT_INVALID, ack.reasonCode());
                session.send(Publish.of(MqttMessage.builder("t/bad").payload(notUtf8).payloadUtf8(true)
                        .qos(Qos.EXACTLY_ONCE).build(), 2));
                PublishFlow rec = session.expect(PublishFlow.class);
                assertEquals(PacketType.PUBREC, rec.type());
                assertEquals(ReasonCode.PAYLOAD_FORMAT_INVALID, rec.reasonCode());
                session.send(Publish.of(MqttMessage.builder("t/bad").payload(notUtf8).payloadUtf8(true)
                        .qos(Qos.AT_MOST_ONCE).build(), 0));
                session.send(Publish.of(MqttMessage.builder("t/good").payload("grüße").payloadUtf8(true)
                        .qos(Qos.AT_LEAST_ONCE).build(), 3));
                assertEquals(ReasonCode.SUCCESS, session.expect(PublishFlow.class).reasonCode());
                MqttMessage good = Await.pollQueue(client);
                assertEquals("t/good", good.topic(), "the refused ones were not delivered");
                assertTrue(good.isPayloadUtf8());
                assertEquals("grüße", good.payloadAsString());
                assertEquals(3, client.statistics().droppedMessages());
                assertEquals(io.edgemqtt.api.ClientState.CONNECTED, client.state(), "the connection stays up");
            }
        }
    }

    @Test
    void enhancedAuthenticationExchangesChallengesAndChecksTheServersFinalData() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        EnhancedAuthenticator authenticator = new EnhancedAuthenticator() {
            @Override
            public String method() {
                return "TEST-CHALLENGE";
            }

            @Override
            public Optional<byte[]> initialData() {
                return Optional.of(bytes("client-first"));
            }

            @Override
            public byte[] challenge(byte[] serverData) {
                calls.add("challenge:" + new String(serverData, StandardCharsets.UTF_8));
                return bytes("answer-to-" + new String(serverData, StandardCharsets.UTF_8));
            }

            @Override
            public void succeeded(byte[] serverData) {
                calls.add("succeeded:" + new String(serverData, StandardCharsets.UTF_8));
            }
        };
        try (ScriptedBroker broker = new ScriptedBroker();
                MqttClient client = authenticatingClient(broker, authenticator)) {
            CompletionStage<ConnectResult> connected = client.connect();
            try (ScriptedBroker.Session session = broker.accept()) {
                Connect connect = session.readConnect();
                assertEquals("TEST-CHALLENGE", connect.authenticationMethod());
                assertArrayEquals(bytes("client-first"), connect.authenticationData());
                for (String round : List.of("nonce-1", "nonce-2")) {
                    session.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "TEST-CHALLENGE", bytes(round), null,
                            List.of()));
                    Auth answer = session.expect(Auth.class);
                    assertEquals(ReasonCode.CONTINUE_AUTHENTICATION, answer.reasonCode());
                    assertEquals("TEST-CHALLENGE", answer.authenticationMethod());
                    assertArrayEquals(bytes("answer-to-" + round), answer.authenticationData());
                }
                session.send(Connack.builder(ReasonCode.SUCCESS, false)
                        .authentication("TEST-CHALLENGE", bytes("server-proof")).build());
                Await.await(connected);
            }
            assertEquals(List.of("challenge:nonce-1", "challenge:nonce-2", "succeeded:server-proof"), calls);
        }
    }

    @Test
    void anAuthenticatorThatRejectsTheServerEndsTheAttemptWithItsReason() throws Exception {
        EnhancedAuthenticator authenticator = new EnhancedAuthenticator() {
            @Override
            public String method() {
                return "TEST-CHALLENGE";
            }

            @Override
            public byte[] challenge(byte[] serverData) {
                throw new MqttException(ReasonCode.NOT_AUTHORIZED, "the server's challenge is not signed");
            }
        };
        try (ScriptedBroker broker = new ScriptedBroker();
                MqttClient client = authenticatingClient(broker, authenticator)) {
            CompletionStage<ConnectResult> connected = client.connect();
            try (ScriptedBroker.Session session = broker.accept()) {
                session.readConnect();
                session.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "TEST-CHALLENGE", bytes("x"), null,
                        List.of()));
                MqttException failure = assertInstanceOf(MqttException.class, Await.failure(connected));
                assertEquals(ReasonCode.NOT_AUTHORIZED, failure.reasonCode());
                assertTrue(session.closedByClient());
            }
        }
    }

    @Test
    void subscriptionsWithDifferentIdentifiersGoInSeparateSubscribesAndAnswerInTheCallersOrder() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (ScriptedBroker broker = new ScriptedBroker()) {
            MqttClient client = client(broker, events, UnaryOperator.identity());
            client.connect();
            try (ScriptedBroker.Session session = acceptConnected(broker)) {
                events.nextConnected();
                CompletionStage<SubscribeResult> subscribed = client.subscribe(List.of(
                        Subscription.builder("a").subscriptionIdentifier(3).build(),
                        Subscription.builder("b").qos(Qos.EXACTLY_ONCE).build(),
                        Subscription.builder("c").qos(Qos.AT_MOST_ONCE).subscriptionIdentifier(3).build(),
                        Subscription.builder("d").subscriptionIdentifier(5).build()));
                List<Subscribe> packets = List.of(session.expect(Subscribe.class), session.expect(Subscribe.class),
                        session.expect(Subscribe.class));
                assertEquals(List.of(3, 0, 5), packets.stream().map(Subscribe::subscriptionIdentifier).toList());
                assertEquals(List.of("a", "c"), filters(packets.get(0)));
                assertEquals(List.of("b"), filters(packets.get(1)));
                assertEquals(List.of("d"), filters(packets.get(2)));
                // Answered out of order, one with a reason string.
                session.send(new Suback(packets.get(2).packetId(), List.of(ReasonCode.GRANTED_QOS_1), "fine",
                        List.of()));
                session.send(new Suback(packets.get(0).packetId(),
                        List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_0), null, List.of()));
                session.send(new Suback(packets.get(1).packetId(), List.of(ReasonCode.GRANTED_QOS_2), null,
                        List.of()));
                SubscribeResult result = Await.await(subscribed);
                assertEquals(List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_0,
                        ReasonCode.GRANTED_QOS_1), result.reasonCodes());
                assertEquals(Optional.of("fine"), result.reasonString());
            }
        }
    }

    @Test
    void aHandlersSubscriptionGetsAnIdentifierOnlyWhenTheBrokerTakesThem() throws Exception {
        for (boolean available : new boolean[] {true, false}) {
            ConnectionEvents events = new ConnectionEvents();
            try (ScriptedBroker broker = new ScriptedBroker()) {
                MqttClient client = client(broker, events, UnaryOperator.identity());
                client.connect();
                try (ScriptedBroker.Session session = broker.accept()) {
                    session.readConnect();
                    session.send(Connack.builder(ReasonCode.SUCCESS, false)
                            .subscriptionIdentifiersAvailable(available).build());
                    events.nextConnected();
                    Inbox inbox = new Inbox();
                    CompletionStage<SubscribeResult> first = client.subscribe(Subscription.of("h/#", Qos.AT_LEAST_ONCE),
                            inbox);
                    Subscribe packet = session.expect(Subscribe.class);
                    assertEquals(available, packet.subscriptionIdentifier() != 0, "available: " + available);
                    session.send(new Suback(packet.packetId(), List.of(ReasonCode.GRANTED_QOS_1), null, List.of()));
                    Await.await(first);
                    // A message carrying another subscription's identifier is not the handler's.
                    if (available) {
                        session.send(Publish.of(MqttMessage.builder("h/x").payload("other")
                                .subscriptionIdentifiers(List.of(packet.subscriptionIdentifier() + 1)).build(), 1));
                        session.expect(PublishFlow.class);
                        assertEquals("other", Await.pollQueue(client).payloadAsString());
                    }
                    session.send(Publish.of(MqttMessage.builder("h/x").payload("mine")
                            .subscriptionIdentifiers(available ? List.of(packet.subscriptionIdentifier()) : List.of())
                            .build(), 2));
                    assertEquals("mine", inbox.take().payloadAsString());
                    assertEquals(0, client.receiveQueueDepth());
                    if (!available) {
                        Throwable refused = Await.failure(client.subscribe(Subscription.builder("x")
                                .subscriptionIdentifier(4).build()));
                        assertEquals(ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
                                ((MqttException) refused).reasonCode());
                    }
                }
            }
        }
    }

    @Test
    void aSubscribeUnansweredWhenTheConnectionDropsIsSentAgainAfterTheReconnect() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (ScriptedBroker broker = new ScriptedBroker()) {
            MqttClient client = client(broker, events, UnaryOperator.identity());
            client.connect();
            CompletionStage<SubscribeResult> subscribed;
            try (ScriptedBroker.Session session = acceptConnected(broker)) {
                events.nextConnected();
                subscribed = client.subscribe(Subscription.of("again", Qos.AT_LEAST_ONCE));
                session.expect(Subscribe.class);
            } // dropped without SUBACK
            try (ScriptedBroker.Session session = acceptConnected(broker)) {
                Subscribe again = session.expect(Subscribe.class);
                assertEquals(List.of("again"), filters(again));
                session.send(new Suback(again.packetId(), List.of(ReasonCode.GRANTED_QOS_1), null, List.of()));
                assertEquals(List.of(ReasonCode.GRANTED_QOS_1), Await.await(subscribed).reasonCodes());
            }
        }
    }

    private static List<String> filters(Subscribe subscribe) {
        return subscribe.subscriptions().stream().map(Subscription::filter).toList();
    }

    private static MqttClient authenticatingClient(ScriptedBroker broker, EnhancedAuthenticator authenticator) {
        io.edgemqtt.api.ConnectOptions options = io.edgemqtt.api.ConnectOptions.builder()
                .serverUri(broker.uri())
                .protocolVersion(MqttVersion.V5)
                .clientId(TestClients.uniqueId("auth"))
                .reconnectPolicy(ReconnectPolicy.DISABLED)
                .build();
        return MqttClientFactory.load().newClient("auth", options).authenticator(authenticator).build();
    }

    private static Publish aliased(String topic, int alias, boolean aliasOnly, int packetId, String payload) {
        MqttMessage message = MqttMessage.builder(topic).payload(payload)
                .qos(packetId == 0 ? Qos.AT_MOST_ONCE : Qos.EXACTLY_ONCE).build();
        return new Publish(message, packetId, false, alias, aliasOnly);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
