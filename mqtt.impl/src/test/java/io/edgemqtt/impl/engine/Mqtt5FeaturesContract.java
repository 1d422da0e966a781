package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.ClientState;
import io.edgemqtt.api.ConnectResult;
import io.edgemqtt.api.DisconnectEvent;
import io.edgemqtt.api.DisconnectOptions;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.ReconnectPolicy;
import io.edgemqtt.api.RetainHandling;
import io.edgemqtt.api.SubscribeResult;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.api.Will;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MQTT 5 features against a real broker with its default settings. Run against HiveMQ CE ({@code Mqtt5FeaturesTest})
 * and Mosquitto ({@code Mqtt5FeaturesInteropTest}); where the spec lets brokers differ, the assertions accept every
 * allowed behaviour. Waits are bounded; the few fixed sleeps let a broker-side timer (expiry, will delay) run out.
 */
public abstract class Mqtt5FeaturesContract {
    protected final TestClients clients = new TestClients();

    /** @return the broker's plain MQTT URI */
    protected abstract String uri();

    /** @return host and port of the broker, for a {@link TcpRelay} */
    protected abstract String host();

    protected abstract int port();

    /**
     * @return true if the broker tells a client whose session another connection took over with DISCONNECT 0x8E (MQTT
     *     5 section 3.1.4 says it MUST when the old connection is MQTT 5); Mosquitto 2.0.11 closes it without one
     */
    protected boolean sendsDisconnectOnTakeover() {
        return true;
    }

    /**
     * @return the highest QoS to test a receive maximum above 1 with. Mosquitto 2.0.11 stalls queued outgoing QoS 2
     *     messages when a client's receive maximum is above 1 (its own mosquitto_sub with {@code -D connect
     *     receive-maximum 2} gets 4 of 60 QoS 2 messages, all 60 at QoS 1), as it does with {@code
     *     max_inflight_messages} (see INTEROP.md); a broker bug, not ours
     */
    protected Qos receiveMaximumQos(int receiveMaximum) {
        return Qos.EXACTLY_ONCE;
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    protected static String topic(String name) {
        return TestClients.uniqueId("v5/" + name);
    }

    protected MqttClient connected() throws InterruptedException {
        return clients.connected(uri(), MqttVersion.V5);
    }

    protected MqttClient connected(java.util.function.UnaryOperator<io.edgemqtt.api.ConnectOptions.Builder> options)
            throws InterruptedException {
        return clients.connected(uri(), MqttVersion.V5, options);
    }

    // ---- sessions ------------------------------------------------------------------------------------------------

    @Test
    void sessionExpiryKeepsTheSessionAndTheDisconnectOverrideEndsIt() throws Exception {
        String id = TestClients.uniqueId("expiry");
        String topic = topic("expiry");
        MqttClient client = connected(o -> o.clientId(id).sessionExpiryInterval(600));
        assertEquals(600, client.connection().orElseThrow().sessionExpiryInterval());
        Await.await(client.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE)));
        Await.await(client.disconnect());

        MqttClient publisher = connected();
        publisher.publishAndWait(MqttMessage.of(topic, "while away", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        // The same client connects again: the session it started is resumed (no clean start after the first).
        assertTrue(client.connectAndWait(TestClients.WAIT).isSessionPresent());
        assertEquals("while away", Await.pollQueue(client).payloadAsString());

        // Disconnect with expiry 0: the broker ends the session now, whatever was agreed at connect.
        Await.await(client.disconnect(DisconnectOptions.of(ReasonCode.NORMAL_DISCONNECTION, 0, null, List.of())));
        MqttClient again = connected(o -> o.clientId(id).cleanStart(false).sessionExpiryInterval(600));
        assertFalse(again.connection().orElseThrow().isSessionPresent(), "the override ended the session");
    }

    @Test
    void aDisconnectOverrideCanShortenTheSessionExpiry() throws Exception {
        String id = TestClients.uniqueId("shorten");
        MqttClient client = connected(o -> o.clientId(id).sessionExpiryInterval(600));
        Await.await(client.disconnect(DisconnectOptions.of(ReasonCode.NORMAL_DISCONNECTION, 1, "bye", List.of())));
        Thread.sleep(3_000); // let the one-second expiry pass at the broker
        MqttClient again = connected(o -> o.clientId(id).cleanStart(false).sessionExpiryInterval(600));
        assertFalse(again.connection().orElseThrow().isSessionPresent(), "expired after 1 s, not 600");
    }

    @Test
    void aSessionConnectedWithExpiryZeroCannotBeGivenOneAtDisconnect() throws Exception {
        MqttClient client = connected(o -> o.sessionExpiryInterval(0));
        Throwable refused = Await.failure(client.disconnect(
                DisconnectOptions.of(ReasonCode.NORMAL_DISCONNECTION, 60, null, List.of())));
        MqttException e = assertInstanceOf(MqttException.class, refused);
        assertEquals(ReasonCode.PROTOCOL_ERROR, e.reasonCode());
        assertTrue(e.getMessage().contains("MQTT-3.14.2-2"), e.getMessage());
        assertEquals(ClientState.CONNECTED, client.state(), "nothing was sent");
        String topic = topic("still");
        Inbox inbox = new Inbox();
        Await.await(client.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox));
        client.publishAndWait(MqttMessage.of(topic, "up", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals("up", inbox.take().payloadAsString());
    }

    @Test
    void anAssignedClientIdentifierIsUsedToResumeTheSessionAfterAConnectionLoss() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (TcpRelay relay = new TcpRelay(host(), port())) {
            MqttClient client = clients.create(relay.uri(), MqttVersion.V5, o -> o.clientId("")
                    .sessionExpiryInterval(600));
            client.addConnectionListener(events);
            ConnectResult first = client.connectAndWait(TestClients.WAIT);
            assertTrue(first.isClientIdentifierAssigned());
            assertFalse(first.clientIdentifier().isEmpty());
            String topic = topic("assigned");
            Inbox inbox = new Inbox();
            Await.await(client.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox));
            events.nextConnected();

            relay.refuse(true);
            relay.cut();
            events.nextDisconnected();
            MqttClient publisher = connected();
            publisher.publishAndWait(MqttMessage.of(topic, "queued for the assigned id", Qos.AT_LEAST_ONCE),
                    TestClients.WAIT);
            relay.refuse(false);
            ConnectResult second = events.nextConnected();
            assertEquals(first.clientIdentifier(), second.clientIdentifier());
            assertTrue(second.isSessionPresent(), "resumed with the assigned identifier");
            assertEquals("queued for the assigned id", inbox.take().payloadAsString());
        }
    }

    // ---- message properties --------------------------------------------------------------------------------------

    @Test
    void userPropertiesPayloadFormatContentTypeResponseTopicAndCorrelationDataArrive() throws Exception {
        String topic = topic("props");
        Inbox inbox = new Inbox();
        MqttClient subscriber = connected();
        Await.await(subscriber.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox));
        MqttClient publisher = connected();
        publisher.publishAndWait(MqttMessage.builder(topic)
                .payload("{\"t\":21.5,\"unit\":\"°C\"}")
                .payloadUtf8(true)
                .contentType("application/json")
                .responseTopic("replies/here")
                .correlationData(new byte[] {1, 2, 3})
                .userProperty("site", "plant-7")
                .userProperty("site", "line-2") // names may repeat; order is kept
                .userProperty("ü", "ß")
                .qos(Qos.AT_LEAST_ONCE)
                .build(), TestClients.WAIT);
        MqttMessage received = inbox.take();
        assertEquals("{\"t\":21.5,\"unit\":\"°C\"}", received.payloadAsString());
        assertTrue(received.isPayloadUtf8());
        assertEquals(Optional.of("application/json"), received.contentType());
        assertEquals(Optional.of("replies/here"), received.responseTopic());
        byte[] correlation = new byte[3];
        received.correlationData().orElseThrow().get(correlation);
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), List.of(correlation[0], correlation[1], correlation[2]));
        assertEquals(List.of(UserProperty.of("site", "plant-7"), UserProperty.of("site", "line-2"),
                UserProperty.of("ü", "ß")), received.userProperties());
    }

    @Test
    void aPayloadDeclaredUtf8ThatIsNotIsRefusedBeforeSending() throws Exception {
        MqttClient client = connected();
        Throwable refused = Await.failure(client.publish(MqttMessage.builder(topic("pfi"))
                .payload(new byte[] {(byte) 0xC3, 0x28}).payloadUtf8(true).build()));
        assertEquals(ReasonCode.PAYLOAD_FORMAT_INVALID, ((MqttException) refused).reasonCode());
    }

    @Test
    void aRetainedMessageExpiresAtTheBroker() throws Exception {
        String topic = topic("expire-retained");
        MqttClient publisher = connected();
        publisher.publishAndWait(MqttMessage.builder(topic).payload("short-lived").retain(true)
                .messageExpiryInterval(1).build(), TestClients.WAIT);
        Thread.sleep(2_500); // past its expiry
        Inbox inbox = new Inbox();
        MqttClient late = connected();
        Await.await(late.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox));
        assertNull(inbox.poll(1_000), "an expired retained message is not sent");
    }

    @Test
    void aQueuedMessageArrivesWithItsExpiryCountedDown() throws Exception {
        String id = TestClients.uniqueId("countdown");
        String topic = topic("countdown");
        MqttClient subscriber = connected(o -> o.clientId(id).sessionExpiryInterval(600));
        Await.await(subscriber.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE)));
        Await.await(subscriber.disconnect());
        MqttClient publisher = connected();
        publisher.publishAndWait(MqttMessage.builder(topic).payload("x").messageExpiryInterval(60).build(),
                TestClients.WAIT);
        Thread.sleep(2_100);
        subscriber.connectAndWait(TestClients.WAIT);
        long left = Await.pollQueue(subscriber).messageExpiryInterval().orElseThrow();
        assertTrue(left <= 58 && left > 0, "expiry left: " + left);
    }

    @Test
    void theClientCountsDownExpiryWhileAPublishWaitsAndDropsItWhenExpired() throws Exception {
        String topic = topic("client-expiry");
        Inbox inbox = new Inbox();
        MqttClient subscriber = connected();
        Await.await(subscriber.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox));

        MqttClient offline = clients.create(uri(), MqttVersion.V5, o -> o);
        CompletionStage<PublishResult> doomed = offline.publish(MqttMessage.builder(topic).payload("doomed")
                .messageExpiryInterval(1).build());
        CompletionStage<PublishResult> kept = offline.publish(MqttMessage.builder(topic).payload("kept")
                .messageExpiryInterval(60).build());
        CompletionStage<PublishResult> forever = offline.publish(MqttMessage.builder(topic).payload("forever")
                .build());
        Thread.sleep(2_100); // waiting in the offline buffer
        offline.connectAndWait(TestClients.WAIT);

        MqttException expired = assertInstanceOf(MqttException.class, Await.failure(doomed));
        assertTrue(expired.getMessage().contains("message expiry interval of 1 s elapsed"), expired.getMessage());
        Await.await(kept);
        Await.await(forever);
        MqttMessage first = inbox.take();
        assertEquals("kept", first.payloadAsString(), "the expired one never went out");
        assertTrue(first.messageExpiryInterval().orElseThrow() <= 58);
        MqttMessage second = inbox.take();
        assertEquals("forever", second.payloadAsString());
        assertTrue(second.messageExpiryInterval().isEmpty());
    }

    // ---- subscription options ------------------------------------------------------------------------------------

    @Test
    void noLocalKeepsOurOwnPublishesAway() throws Exception {
        String topic = topic("nolocal");
        Inbox inbox = new Inbox();
        MqttClient client = connected();
        Await.await(client.subscribe(Subscription.builder(topic).noLocal(true).build(), inbox));
        client.publishAndWait(MqttMessage.of(topic, "mine", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        connected().publishAndWait(MqttMessage.of(topic, "theirs", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals("theirs", inbox.take().payloadAsString());
        assertNull(inbox.poll(300));
    }

    @Test
    void retainAsPublishedKeepsTheRetainFlagOnLiveMessages() throws Exception {
        String topic = topic("rap");
        Inbox asPublished = new Inbox();
        Inbox plain = new Inbox();
        MqttClient first = connected();
        MqttClient second = connected();
        Await.await(first.subscribe(Subscription.builder(topic).retainAsPublished(true).build(), asPublished));
        Await.await(second.subscribe(Subscription.builder(topic).build(), plain));
        MqttClient publisher = connected();
        publisher.publishAndWait(MqttMessage.builder(topic).payload("live").retain(true).build(), TestClients.WAIT);
        assertTrue(asPublished.take().isRetain());
        assertFalse(plain.take().isRetain(), "without the option a live message arrives with retain 0");
        publisher.publishAndWait(MqttMessage.builder(topic).retain(true).build(), TestClients.WAIT); // clear
    }

    @Test
    void retainHandlingDecidesWhetherRetainedMessagesComeOnSubscribe() throws Exception {
        String topic = topic("rh");
        MqttClient publisher = connected();
        publisher.publishAndWait(MqttMessage.builder(topic).payload("kept").retain(true).build(), TestClients.WAIT);
        try {
            MqttClient client = connected();
            Inbox always = new Inbox();
            Await.await(client.subscribe(Subscription.builder(topic)
                    .retainHandling(RetainHandling.SEND_ON_SUBSCRIBE).build(), always));
            assertEquals("kept", always.take().payloadAsString());
            Await.await(client.subscribe(Subscription.builder(topic)
                    .retainHandling(RetainHandling.SEND_ON_SUBSCRIBE).build()));
            assertEquals("kept", always.take().payloadAsString(), "0: again on every subscribe");

            MqttClient ifNew = connected();
            Inbox onlyNew = new Inbox();
            Await.await(ifNew.subscribe(Subscription.builder(topic)
                    .retainHandling(RetainHandling.SEND_IF_NEW_SUBSCRIPTION).build(), onlyNew));
            assertEquals("kept", onlyNew.take().payloadAsString(), "1: for a new subscription");
            Await.await(ifNew.subscribe(Subscription.builder(topic)
                    .retainHandling(RetainHandling.SEND_IF_NEW_SUBSCRIPTION).build()));
            assertNull(onlyNew.poll(500), "1: not when the subscription existed");

            MqttClient never = connected();
            Inbox none = new Inbox();
            Await.await(never.subscribe(Subscription.builder(topic)
                    .retainHandling(RetainHandling.DO_NOT_SEND).build(), none));
            assertNull(none.poll(500), "2: never on subscribe");
            publisher.publishAndWait(MqttMessage.of(topic, "live", Qos.AT_LEAST_ONCE), TestClients.WAIT);
            assertEquals("live", none.take().payloadAsString());
        } finally {
            publisher.publishAndWait(MqttMessage.builder(topic).retain(true).build(), TestClients.WAIT);
        }
    }

    // ---- subscription identifiers --------------------------------------------------------------------------------

    @Test
    void subscriptionIdentifiersComeWithTheMessages() throws Exception {
        String topic = topic("subid");
        MqttClient client = connected();
        assertTrue(client.connection().orElseThrow().isSubscriptionIdentifiersAvailable());
        // Different identifiers in one call: the client sends one SUBSCRIBE each and answers in the caller's order.
        SubscribeResult result = Await.await(client.subscribe(List.of(
                Subscription.builder(topic + "/#").subscriptionIdentifier(7).build(),
                Subscription.builder(topic + "/a").qos(Qos.EXACTLY_ONCE).subscriptionIdentifier(9).build())));
        assertEquals(List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_2), result.reasonCodes());
        connected().publishAndWait(MqttMessage.of(topic + "/a", "both", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        connected().publishAndWait(MqttMessage.of(topic + "/b", "one", Qos.AT_LEAST_ONCE), TestClients.WAIT);

        // One copy per matching subscription, or one copy carrying both identifiers: the spec allows either.
        Set<Integer> identifiersOfBoth = new HashSet<>();
        List<MqttMessage> received = new ArrayList<>();
        MqttMessage message;
        while ((message = pollQueue(client, received.isEmpty() ? 10_000 : 700)) != null) {
            received.add(message);
        }
        for (MqttMessage each : received) {
            if (each.payloadAsString().equals("both")) {
                identifiersOfBoth.addAll(each.subscriptionIdentifiers());
            } else {
                assertEquals(List.of(7), each.subscriptionIdentifiers());
            }
        }
        assertEquals(Set.of(7, 9), identifiersOfBoth);
        long copies = received.stream().filter(m -> m.payloadAsString().equals("both")).count();
        assertTrue(copies == 1 || copies == 2, "copies: " + copies);
        assertEquals(1, received.stream().filter(m -> m.payloadAsString().equals("one")).count());
    }

    @Test
    void overlappingHandlerSubscriptionsGiveEachHandlerOneCopy() throws Exception {
        String topic = topic("overlap");
        MqttClient client = connected();
        Inbox all = new Inbox();
        Inbox one = new Inbox();
        Inbox exact = new Inbox();
        Await.await(client.subscribe(Subscription.of(topic + "/#", Qos.AT_LEAST_ONCE), all));
        Await.await(client.subscribe(Subscription.of(topic + "/+", Qos.AT_LEAST_ONCE), one));
        Await.await(client.subscribe(Subscription.of(topic + "/x", Qos.AT_LEAST_ONCE), exact));
        MqttClient publisher = connected();
        publisher.publishAndWait(MqttMessage.of(topic + "/x", "1", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        publisher.publishAndWait(MqttMessage.of(topic + "/y", "2", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        publisher.publishAndWait(MqttMessage.of(topic + "/x/z", "3", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals(List.of("1", "2", "3"), payloads(all.take(3)));
        assertEquals(List.of("1", "2"), payloads(one.take(2)));
        assertEquals(List.of("1"), payloads(exact.take(1)));
        assertNull(all.poll(500), "no duplicate for #");
        assertNull(one.poll(0), "no duplicate for +");
        assertNull(exact.poll(0), "no duplicate for the exact filter");
        assertEquals(0, client.receiveQueueDepth(), "nothing fell through to the receive queue");
    }

    // ---- request/response ----------------------------------------------------------------------------------------

    @Test
    void requestResponseMatchesTheAnswerByCorrelationData() throws Exception {
        String service = topic("svc");
        MqttClient responder = connected();
        Await.await(responder.subscribe(Subscription.of(service, Qos.AT_LEAST_ONCE), request -> {
            // A stray answer with other correlation data first: the requester must ignore it.
            responder.publish(MqttMessage.builder(request.responseTopic().orElseThrow()).payload("stray")
                    .correlationData("someone-else".getBytes(StandardCharsets.UTF_8)).build());
            responder.publish(MqttMessage.builder(request.responseTopic().orElseThrow())
                    .payload("pong:" + request.payloadAsString())
                    .correlationData(bytes(request.correlationData().orElseThrow()))
                    .build());
        }));
        MqttClient requester = connected();
        MqttMessage response = Await.await(requester.request(MqttMessage.of(service, "ping", Qos.AT_LEAST_ONCE),
                Duration.ofSeconds(10)));
        assertEquals("pong:ping", response.payloadAsString());

        Throwable timeout = Await.failure(requester.request(MqttMessage.of(topic("nobody"), "?", Qos.AT_LEAST_ONCE),
                Duration.ofMillis(500)));
        assertEquals(ReasonCode.UNSPECIFIED_ERROR, ((MqttException) timeout).reasonCode());
        assertTrue(timeout.getMessage().contains("no response"), timeout.getMessage());
    }

    // ---- topic aliases, packet size, flow control ----------------------------------------------------------------

    @Test
    void outboundTopicAliasesSaveBytesAndEveryMessageArrivesUnderItsTopic() throws Exception {
        String topic = topic("alias") + "/" + "x".repeat(150);
        Inbox inbox = new Inbox();
        MqttClient subscriber = connected();
        Await.await(subscriber.subscribe(Subscription.of(topic + "/#", Qos.AT_LEAST_ONCE), inbox));
        MqttClient aliased = connected(o -> o.outboundTopicAliases(2));
        MqttClient plain = connected();
        assertTrue(aliased.connection().orElseThrow().topicAliasMaximum() >= 2, "the broker takes aliases");
        long aliasedBytes = publishHotTopics(aliased, topic, inbox);
        long plainBytes = publishHotTopics(plain, topic, inbox);
        assertTrue(aliasedBytes < plainBytes - 4_000, "with aliases " + aliasedBytes + " bytes, without "
                + plainBytes);
    }

    /** Two hot topics and, every tenth message, a cold one that evicts an alias; checks every delivery. */
    private static long publishHotTopics(MqttClient client, String topic, Inbox inbox) throws Exception {
        long before = client.statistics().bytesSent();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String to = topic + "/" + (i % 10 == 9 ? "cold" + i : i % 2 == 0 ? "hot-a" : "hot-b");
            expected.add(to + ":" + i);
            client.publish(MqttMessage.of(to, Integer.toString(i), Qos.AT_LEAST_ONCE));
        }
        client.publishAndWait(MqttMessage.of(topic + "/hot-a", "end", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        long sent = client.statistics().bytesSent() - before;
        for (String each : expected) {
            MqttMessage message = inbox.take();
            assertEquals(each, message.topic() + ":" + message.payloadAsString());
        }
        assertEquals("end", inbox.take().payloadAsString());
        return sent;
    }

    @Test
    void theBrokerKeepsPacketsAboveOurMaximumPacketSizeAway() throws Exception {
        String topic = topic("ours");
        Inbox inbox = new Inbox();
        MqttClient small = connected(o -> o.maximumPacketSize(1024));
        Await.await(small.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox));
        MqttClient publisher = connected();
        publisher.publishAndWait(MqttMessage.of(topic, "x".repeat(2_000), Qos.AT_LEAST_ONCE), TestClients.WAIT);
        publisher.publishAndWait(MqttMessage.of(topic, "fits", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals("fits", inbox.take().payloadAsString(), "the large one was dropped by the broker");
        assertEquals(ClientState.CONNECTED, small.state());
    }

    @ParameterizedTest(name = "receive maximum {0}")
    @ValueSource(ints = {1, 2})
    void theBrokerHonoursOurReceiveMaximum(int receiveMaximum) throws Exception {
        String topic = topic("rm" + receiveMaximum);
        ConnectionEvents events = new ConnectionEvents();
        Inbox inbox = new Inbox();
        MqttClient subscriber = connected(o -> o.receiveMaximum(receiveMaximum));
        subscriber.addConnectionListener(events);
        Await.await(subscriber.subscribe(Subscription.of(topic, Qos.EXACTLY_ONCE), inbox));
        MqttClient publisher = connected();
        boolean both = receiveMaximumQos(receiveMaximum) == Qos.EXACTLY_ONCE;
        for (int i = 0; i < 100; i++) {
            publisher.publish(MqttMessage.of(topic, Integer.toString(i), both ? Qos.values()[1 + i % 2]
                    : Qos.AT_LEAST_ONCE));
        }
        // Order is kept per QoS (section 4.6); brokers may interleave the two levels differently.
        int[] next = {0, both ? 1 : 0};
        int step = both ? 2 : 1;
        for (MqttMessage message : inbox.take(100)) {
            int level = message.qos().value() - 1;
            assertEquals(Integer.toString(next[level]), message.payloadAsString(), "QoS " + message.qos().value());
            next[level] += step;
        }
        assertTrue(events.disconnected.isEmpty(), "no receive maximum breach: " + events.disconnected);
    }

    // ---- will ----------------------------------------------------------------------------------------------------

    @Test
    void aDelayedWillWithPropertiesIsPublishedAfterItsDelay() throws Exception {
        String topic = topic("will");
        Inbox wills = new Inbox();
        MqttClient watcher = connected();
        Await.await(watcher.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), wills));
        try (TcpRelay relay = new TcpRelay(host(), port())) {
            clients.connected(relay.uri(), MqttVersion.V5, o -> o
                    .sessionExpiryInterval(30) // the will waits for the earlier of its delay and the session's end
                    .reconnectPolicy(ReconnectPolicy.DISABLED)
                    .will(Will.of(MqttMessage.builder(topic).payload("gone").payloadUtf8(true)
                            .contentType("text/plain").userProperty("reason", "test").qos(Qos.AT_LEAST_ONCE)
                            .build(), 2)));
            long cut = System.nanoTime();
            relay.cut();
            MqttMessage will = wills.take();
            long afterMillis = (System.nanoTime() - cut) / 1_000_000;
            assertTrue(afterMillis >= 1_500, "published after " + afterMillis + " ms, before its 2 s delay");
            assertEquals("gone", will.payloadAsString());
            assertTrue(will.isPayloadUtf8());
            assertEquals(Optional.of("text/plain"), will.contentType());
            assertEquals(List.of(UserProperty.of("reason", "test")), will.userProperties());
        }
    }

    @Test
    void aDelayedWillIsNotPublishedWhenTheClientIsBackInTime() throws Exception {
        String topic = topic("will-back");
        Inbox wills = new Inbox();
        MqttClient watcher = connected();
        Await.await(watcher.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), wills));
        ConnectionEvents events = new ConnectionEvents();
        try (TcpRelay relay = new TcpRelay(host(), port())) {
            MqttClient client = clients.create(relay.uri(), MqttVersion.V5, o -> o
                    .sessionExpiryInterval(30)
                    .will(Will.of(MqttMessage.of(topic, "gone", Qos.AT_LEAST_ONCE), 3)));
            client.addConnectionListener(events);
            client.connectAndWait(TestClients.WAIT);
            events.nextConnected();
            relay.cut();
            assertTrue(events.nextConnected().isSessionPresent(), "back within the delay, session resumed");
            assertNull(wills.poll(4_000), "the will was cancelled by the reconnect");
        }
    }

    // ---- shared subscriptions ------------------------------------------------------------------------------------

    @Test
    void aSharedSubscriptionSpreadsMessagesAcrossTwoClients() throws Exception {
        String topic = topic("shared");
        String group = "$share/" + TestClients.uniqueId("g") + "/" + topic;
        Inbox first = new Inbox();
        Inbox second = new Inbox();
        MqttClient a = connected();
        MqttClient b = connected();
        assertTrue(a.connection().orElseThrow().isSharedSubscriptionAvailable());
        Await.await(a.subscribe(Subscription.of(group, Qos.AT_LEAST_ONCE), first));
        Await.await(b.subscribe(Subscription.of(group, Qos.AT_LEAST_ONCE), second));
        MqttClient publisher = connected();
        for (int i = 0; i < 40; i++) {
            publisher.publishAndWait(MqttMessage.of(topic, Integer.toString(i), Qos.AT_LEAST_ONCE), TestClients.WAIT);
        }
        Set<String> seen = new HashSet<>();
        int fromFirst = 0;
        int fromSecond = 0;
        long deadline = System.nanoTime() + TestClients.WAIT.toNanos();
        while (seen.size() < 40 && System.nanoTime() < deadline) {
            MqttMessage message = first.poll(0);
            if (message != null) {
                fromFirst++;
            } else if ((message = second.poll(50)) != null) {
                fromSecond++;
            } else {
                continue;
            }
            assertTrue(seen.add(message.payloadAsString()), "duplicate " + message.payloadAsString());
            assertEquals(topic, message.topic());
        }
        assertEquals(40, seen.size(), "every message reached one of the two");
        assertTrue(fromFirst > 0 && fromSecond > 0, "spread " + fromFirst + "/" + fromSecond);
        assertNull(first.poll(300));
        assertNull(second.poll(0));
    }

    // ---- the broker's reasons ------------------------------------------------------------------------------------

    @Test
    void aSessionTakeoverIsReportedAsTheBrokersDisconnect() throws Exception {
        String id = TestClients.uniqueId("takeover");
        ConnectionEvents events = new ConnectionEvents();
        MqttClient first = clients.create(uri(), MqttVersion.V5, o -> o.clientId(id)
                .reconnectPolicy(ReconnectPolicy.DISABLED));
        first.addConnectionListener(events);
        first.connectAndWait(TestClients.WAIT);
        connected(o -> o.clientId(id));
        DisconnectEvent event = events.nextDisconnected();
        MqttException cause = event.cause().orElseThrow();
        if (!sendsDisconnectOnTakeover()) {
            assertSame(DisconnectEvent.Initiator.CONNECTION, event.initiator());
            assertEquals(ReasonCode.SERVER_UNAVAILABLE, cause.reasonCode(), cause.getMessage());
            return;
        }
        assertSame(DisconnectEvent.Initiator.SERVER, event.initiator());
        assertEquals(ReasonCode.SESSION_TAKEN_OVER, cause.reasonCode());
        assertFalse(cause.isLocal());
        cause.reasonString().ifPresent(reason -> assertTrue(cause.getMessage().contains(reason)));
        assertNotEquals(ClientState.CONNECTED, first.state());
    }

    private static MqttMessage pollQueue(MqttClient client, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        do {
            Optional<MqttMessage> message = client.poll();
            if (message.isPresent()) {
                return message.get();
            }
            Thread.sleep(10); // bounded polling of the non-blocking receive queue
        } while (System.nanoTime() < deadline);
        return null;
    }

    private static List<String> payloads(List<MqttMessage> messages) {
        List<String> payloads = new ArrayList<>();
        messages.forEach(m -> payloads.add(m.payloadAsString()));
        return payloads;
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
