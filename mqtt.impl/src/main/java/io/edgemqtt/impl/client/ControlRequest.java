package io.edgemqtt.impl.client;

import io.edgemqtt.api.SubscribeResult;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.UnsubscribeResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A SUBSCRIBE or UNSUBSCRIBE waiting to be sent or acknowledged. Loop thread only. */
final class ControlRequest {
    final List<Subscription> subscriptions;
    final List<String> filters;
    final CompletableFuture<SubscribeResult> subscribed;
    final CompletableFuture<UnsubscribeResult> unsubscribed;
    /** Made by the client itself to restore subscriptions after a session was lost: not the caller's. */
    final boolean restore;

    private ControlRequest(List<Subscription> subscriptions, List<String> filters,
            CompletableFuture<SubscribeResult> subscribed, CompletableFuture<UnsubscribeResult> unsubscribed,
            boolean restore) {
        this.subscriptions = subscriptions;
        this.filters = filters;
        this.subscribed = subscribed;
        this.unsubscribed = unsubscribed;
        this.restore = restore;
    }

    static ControlRequest subscribe(List<Subscription> subscriptions, CompletableFuture<SubscribeResult> future,
            boolean restore) {
        return new ControlRequest(subscriptions, null, future, null, restore);
    }

    static ControlRequest unsubscribe(List<String> filters, CompletableFuture<UnsubscribeResult> future) {
        return new ControlRequest(null, filters, null, future, false);
    }

    boolean isSubscribe() {
        return subscriptions != null;
    }
}
