package io.edgemqtt.impl.client;

import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.SubscribeException;
import io.edgemqtt.api.SubscribeResult;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.UnsubscribeResult;
import io.edgemqtt.impl.codec.MqttPacket;
import io.edgemqtt.impl.codec.Suback;
import io.edgemqtt.impl.codec.Subscribe;
import io.edgemqtt.impl.codec.Unsuback;
import io.edgemqtt.impl.codec.Unsubscribe;
import io.edgemqtt.impl.delivery.Delivery;
import io.edgemqtt.impl.session.PacketIds;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The subscriptions of one client: SUBSCRIBE and UNSUBSCRIBE requests waiting, sent and acknowledged, the
 * subscriptions granted (restored when a session is lost), and the subscription identifiers chosen for handlers.
 * Loop thread only.
 */
final class SubscriptionRequests {
    private static final System.Logger LOG = System.getLogger(SubscriptionRequests.class.getName());

    /** What the requests need from the connection. */
    interface Host {
        /** @return true while a connection is accepted */
        boolean isConnected();

        /** @return true on MQTT 5 */
        boolean isV5();

        /** @return the server of the current connection, for messages */
        URI server();

        /**
         * @param packet a packet for the current connection
         */
        void send(MqttPacket packet);

        /**
         * The broker broke the protocol: the connection is closed.
         *
         * @param message which rule, in words
         */
        void protocolError(String message);
    }

    private final String name;
    private final Host host;
    private final PacketIds packetIds;
    private final Delivery delivery;
    private final ClientEvents events;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final ArrayDeque<ControlRequest> queuedRequests = new ArrayDeque<>();
    /** Requests sent and not fully acknowledged, in the order they were sent. */
    private final Set<ControlRequest> sentRequests = new LinkedHashSet<>();
    /** Subscription identifiers the client chose for handler-bound subscriptions, by filter (MQTT 5). */
    private final Map<String, Integer> autoSubscriptionIds = new HashMap<>();
    private int nextSubscriptionId = 1;
    private boolean subscriptionIdsAvailable;

    SubscriptionRequests(String name, Host host, PacketIds packetIds, Delivery delivery, ClientEvents events) {
        this.name = name;
        this.host = host;
        this.packetIds = packetIds;
        this.delivery = delivery;
        this.events = events;
    }

    /**
     * Queues a SUBSCRIBE or UNSUBSCRIBE; sent at once when connected.
     *
     * @param request the request
     */
    void request(ControlRequest request) {
        queuedRequests.add(request);
        if (host.isConnected()) {
            sendQueuedRequests();
        }
    }

    /**
     * A connection was accepted: restores the subscriptions a lost session forgot, then sends what waits.
     *
     * @param sessionPresent whether the broker resumed the session
     * @param identifiersAvailable whether the broker takes subscription identifiers (MQTT 5)
     */
    void connected(boolean sessionPresent, boolean identifiersAvailable) {
        subscriptionIdsAvailable = identifiersAvailable;
        if (!sessionPresent && !subscriptions.isEmpty()) {
            // The broker forgot our subscriptions: make them again before anything else is asked.
            queuedRequests.addFirst(ControlRequest.subscribe(new ArrayList<>(subscriptions.values()),
                    new CompletableFuture<>(), true));
        }
        sendQueuedRequests();
    }

    /**
     * The client is closing: every request still waiting fails.
     *
     * @param closed why
     */
    void failAll(MqttException closed) {
        for (ControlRequest request : queuedRequests) {
            fail(request, closed);
        }
        queuedRequests.clear();
    }

    private void sendQueuedRequests() {
        ControlRequest request;
        while (host.isConnected() && (request = queuedRequests.poll()) != null) {
            if (request.isSubscribe()) {
                sendSubscribe(request);
            } else {
                int packetId = packetIds.allocate(request);
                request.packetIds.add(packetId);
                sentRequests.add(request);
                host.send(new Unsubscribe(packetId, request.filters, List.of()));
            }
        }
    }

    /**
     * Sends one SUBSCRIBE per subscription identifier (the packet has room for one). On MQTT 5, when the broker takes
     * identifiers, a subscription whose messages go to a handler gets one of the client's choosing if it has none, so
     * that overlapping subscriptions can be told apart when messages arrive (see {@link Delivery}).
     */
    private void sendSubscribe(ControlRequest request) {
        List<Subscription> sent = new ArrayList<>(request.subscriptions.size());
        Map<Integer, List<Integer>> byIdentifier = new LinkedHashMap<>();
        for (int i = 0; i < request.subscriptions.size(); i++) {
            Subscription subscription = request.subscriptions.get(i);
            int identifier = subscription.subscriptionIdentifier();
            if (!host.isV5()) {
                identifier = 0;
            } else if (!subscriptionIdsAvailable) {
                if (identifier != 0 && !request.restore) {
                    fail(request, new MqttException(ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
                            "cannot subscribe to '" + subscription.filter() + "' with subscription identifier "
                                    + identifier + ": broker " + host.server() + " does not support subscription"
                                    + " identifiers (nothing was sent)"));
                    return;
                }
                identifier = 0;
            } else if (identifier == 0 && request.handlerBound) {
                identifier = autoSubscriptionId(subscription.filter());
            }
            sent.add(identifier == subscription.subscriptionIdentifier() ? subscription
                    : subscription.toBuilder().subscriptionIdentifier(identifier).build());
            byIdentifier.computeIfAbsent(identifier, key -> new ArrayList<>()).add(i);
        }
        sent.forEach(subscription -> delivery.subscribing(subscription.filter(),
                subscription.subscriptionIdentifier()));
        request.sent = sent;
        request.granted = new ReasonCode[sent.size()];
        sentRequests.add(request);
        for (Map.Entry<Integer, List<Integer>> group : byIdentifier.entrySet()) {
            List<Subscription> part = new ArrayList<>(group.getValue().size());
            group.getValue().forEach(index -> part.add(sent.get(index)));
            int packetId = packetIds.allocate(new ControlRequest.Part(request, group.getValue()));
            request.packetIds.add(packetId);
            host.send(new Subscribe(packetId, part, group.getKey(), List.of()));
        }
    }

    /** @return the filter's identifier chosen earlier, or a new one no subscription of this client uses */
    private int autoSubscriptionId(String filter) {
        Integer known = autoSubscriptionIds.get(filter);
        if (known != null) {
            return known;
        }
        Set<Integer> taken = new HashSet<>();
        subscriptions.values().forEach(subscription -> taken.add(subscription.subscriptionIdentifier()));
        while (taken.contains(nextSubscriptionId) || autoSubscriptionIds.containsValue(nextSubscriptionId)) {
            nextSubscriptionId = nextSubscriptionId >= Subscribe.MAX_SUBSCRIPTION_IDENTIFIER ? 1
                    : nextSubscriptionId + 1;
        }
        autoSubscriptionIds.put(filter, nextSubscriptionId);
        return nextSubscriptionId++;
    }

    void suback(Suback suback) {
        Object owner = packetIds.owner(suback.packetId());
        if (!(owner instanceof ControlRequest.Part)) {
            host.protocolError("MQTT-3.9.3: SUBACK for unknown packet identifier " + suback.packetId());
            return;
        }
        packetIds.release(suback.packetId());
        ControlRequest.Part part = (ControlRequest.Part) owner;
        ControlRequest request = part.request;
        request.packetIds.remove((Integer) suback.packetId());
        if (suback.reasonCodes().size() != part.indices.size()) {
            host.protocolError("MQTT-3.9.3-1: SUBACK has " + suback.reasonCodes().size() + " reason codes for "
                    + part.indices.size() + " subscriptions");
            return;
        }
        for (int i = 0; i < part.indices.size(); i++) {
            request.granted[part.indices.get(i)] = suback.reasonCodes().get(i);
        }
        request.merge(suback.reasonString(), suback.userProperties());
        if (!request.packetIds.isEmpty()) {
            return; // more SUBACKs to come
        }
        sentRequests.remove(request);
        SubscribeResult result = SubscribeResult.of(request.subscriptions, Arrays.asList(request.granted),
                request.reasonString, request.userProperties);
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < request.subscriptions.size(); i++) {
            Subscription subscription = request.sent.get(i);
            ReasonCode code = request.granted[i];
            delivery.subscribed(subscription.filter(), subscription.subscriptionIdentifier(), !code.isError());
            if (code.isError()) {
                refused.add("'" + subscription.filter() + "' (" + code + ")");
                if (!request.restore) {
                    subscriptions.remove(subscription.filter());
                }
            } else {
                subscriptions.put(subscription.filter(), subscription);
            }
        }
        if (refused.isEmpty()) {
            events.execute(() -> request.subscribed.complete(result));
        } else {
            SubscribeException failure = new SubscribeException(result,
                    "broker refused the subscription to " + String.join(", ", refused));
            if (request.restore) {
                LOG.log(Level.WARNING, "MQTT client " + name + ": restoring subscriptions: " + failure.getMessage());
            }
            events.execute(() -> request.subscribed.completeExceptionally(failure));
        }
    }

    void unsuback(Unsuback unsuback) {
        Object owner = packetIds.owner(unsuback.packetId());
        if (!(owner instanceof ControlRequest) || ((ControlRequest) owner).isSubscribe()) {
            host.protocolError("MQTT-3.11.3: UNSUBACK for unknown packet identifier " + unsuback.packetId());
            return;
        }
        packetIds.release(unsuback.packetId());
        ControlRequest request = (ControlRequest) owner;
        request.packetIds.clear();
        sentRequests.remove(request);
        List<ReasonCode> codes = unsuback.reasonCodes().isEmpty()
                ? java.util.Collections.nCopies(request.filters.size(), ReasonCode.SUCCESS)
                : unsuback.reasonCodes();
        if (codes.size() != request.filters.size()) {
            host.protocolError("MQTT-3.11.3-1: UNSUBACK has " + codes.size() + " reason codes for "
                    + request.filters.size() + " filters");
            return;
        }
        UnsubscribeResult result = UnsubscribeResult.of(request.filters, codes, unsuback.reasonString(),
                unsuback.userProperties());
        events.execute(() -> request.unsubscribed.complete(result));
    }

    /**
     * The connection ended with SUBSCRIBE/UNSUBSCRIBE unacknowledged: they go again, first and in their order, on the
     * next connection (their stages stay pending; close fails them).
     */
    void connectionLost() {
        List<ControlRequest> again = new ArrayList<>(sentRequests);
        sentRequests.clear();
        for (int i = again.size() - 1; i >= 0; i--) {
            ControlRequest request = again.get(i);
            request.packetIds.forEach(packetIds::release);
            request.reset();
            queuedRequests.addFirst(request);
        }
    }

    /**
     * Forgets a filter locally (it is being unsubscribed), so it is not restored after a reconnect.
     *
     * @param filter the filter
     */
    void forget(String filter) {
        subscriptions.remove(filter);
        autoSubscriptionIds.remove(filter);
        delivery.unsubscribed(filter);
    }

    /**
     * Fails a request's stage.
     *
     * @param request the request
     * @param failure why
     */
    void fail(ControlRequest request, MqttException failure) {
        events.execute(() -> {
            if (request.isSubscribe()) {
                request.subscribed.completeExceptionally(failure);
            } else {
                request.unsubscribed.completeExceptionally(failure);
            }
        });
    }
}
