package io.edgemqtt.impl.client;

import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.SubscribeResult;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.UnsubscribeResult;
import io.edgemqtt.api.UserProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A SUBSCRIBE or UNSUBSCRIBE waiting to be sent or acknowledged. Loop thread only.
 *
 * <p>An MQTT 5 SUBSCRIBE carries one subscription identifier for all its filters, so a subscribe whose subscriptions
 * have different identifiers goes out as several SUBSCRIBE packets ({@link Part}s); the request completes when the
 * last SUBACK is in, with the reason codes in the order of the caller's subscriptions.
 */
final class ControlRequest {
    final List<Subscription> subscriptions;
    final List<String> filters;
    final CompletableFuture<SubscribeResult> subscribed;
    final CompletableFuture<UnsubscribeResult> unsubscribed;
    /** Made by the client itself to restore subscriptions after a session was lost: not the caller's. */
    final boolean restore;
    /** Its messages go to a handler: gets a subscription identifier of the client's choosing if it has none. */
    final boolean handlerBound;

    /** The subscriptions as sent (with the identifiers in force); same order as {@link #subscriptions}. */
    List<Subscription> sent;
    /** SUBACK reason codes by subscription, filled in as the parts are acknowledged. */
    ReasonCode[] granted;
    /** Packet identifiers of the packets sent and not acknowledged (to release them if the connection drops). */
    final List<Integer> packetIds = new ArrayList<>(1);
    String reasonString;
    final List<UserProperty> userProperties = new ArrayList<>();

    private ControlRequest(List<Subscription> subscriptions, List<String> filters,
            CompletableFuture<SubscribeResult> subscribed, CompletableFuture<UnsubscribeResult> unsubscribed,
            boolean restore, boolean handlerBound) {
        this.subscriptions = subscriptions;
        this.filters = filters;
        this.subscribed = subscribed;
        this.unsubscribed = unsubscribed;
        this.restore = restore;
        this.handlerBound = handlerBound;
    }

    static ControlRequest subscribe(List<Subscription> subscriptions, CompletableFuture<SubscribeResult> future,
            boolean restore) {
        return new ControlRequest(subscriptions, null, future, null, restore, false);
    }

    static ControlRequest subscribeForHandler(Subscription subscription, CompletableFuture<SubscribeResult> future) {
        return new ControlRequest(List.of(subscription), null, future, null, false, true);
    }

    static ControlRequest unsubscribe(List<String> filters, CompletableFuture<UnsubscribeResult> future) {
        return new ControlRequest(null, filters, null, future, false, false);
    }

    boolean isSubscribe() {
        return subscriptions != null;
    }

    /** Forgets what was sent (the connection dropped before every acknowledgement): it goes again, whole. */
    void reset() {
        sent = null;
        granted = null;
        packetIds.clear();
        reasonString = null;
        userProperties.clear();
    }

    /** Adds what one acknowledgement said to what the caller will see. */
    void merge(String partReasonString, List<UserProperty> partUserProperties) {
        if (partReasonString != null) {
            reasonString = reasonString == null ? partReasonString : reasonString + "; " + partReasonString;
        }
        userProperties.addAll(partUserProperties);
    }

    /** One SUBSCRIBE packet of a subscribe request: the subscriptions that share one subscription identifier. */
    static final class Part {
        final ControlRequest request;
        /** Positions in {@link ControlRequest#subscriptions}. */
        final List<Integer> indices;

        Part(ControlRequest request, List<Integer> indices) {
            this.request = request;
            this.indices = indices;
        }
    }
}
