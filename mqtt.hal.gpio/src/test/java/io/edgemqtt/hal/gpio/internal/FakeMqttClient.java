package io.edgemqtt.hal.gpio.internal;

import io.edgemqtt.api.ClientState;
import io.edgemqtt.api.ClientStatistics;
import io.edgemqtt.api.ConnectOptions;
import io.edgemqtt.api.ConnectResult;
import io.edgemqtt.api.ConnectionListener;
import io.edgemqtt.api.DisconnectOptions;
import io.edgemqtt.api.MessageHandler;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.ReceiveListener;
import io.edgemqtt.api.SubscribeResult;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.UnsubscribeResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records publishes; each completes at once with success, fails (a full offline buffer), or stays pending (buffered
 * while offline), as set. Everything else is unsupported: the code under test must not need it.
 */
public final class FakeMqttClient implements MqttClient {
    /** How publishes complete. */
    public enum Mode {
        SUCCEED, FAIL, PENDING
    }

    public final List<MqttMessage> published = new CopyOnWriteArrayList<>();
    public final List<CompletableFuture<PublishResult>> pending = new CopyOnWriteArrayList<>();
    public volatile Mode mode = Mode.SUCCEED;

    @Override
    public CompletionStage<PublishResult> publish(MqttMessage message) {
        published.add(message);
        switch (mode) {
            case FAIL:
                return CompletableFuture.failedFuture(
                        new MqttException(ReasonCode.QUOTA_EXCEEDED, "the offline buffer is full"));
            case PENDING:
                CompletableFuture<PublishResult> future = new CompletableFuture<>();
                pending.add(future);
                return future;
            default:
                return CompletableFuture.completedFuture(
                        PublishResult.of(message, ReasonCode.SUCCESS, null, List.of()));
        }
    }

    /** @return the payloads published, as text */
    public List<String> payloads() {
        return published.stream().map(MqttMessage::payloadAsString).toList();
    }

    /** @return the topics published to */
    public List<String> topics() {
        return published.stream().map(MqttMessage::topic).toList();
    }

    @Override
    public String name() {
        return "default";
    }

    @Override
    public ConnectOptions options() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ClientState state() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ConnectResult> connection() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<ConnectResult> connect() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> disconnect(DisconnectOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<SubscribeResult> subscribe(List<Subscription> subscriptions) {
        throw new UnsupportedOperationException("subscriptions go through the whiteboard");
    }

    @Override
    public CompletionStage<SubscribeResult> subscribe(Subscription subscription, MessageHandler handler) {
        throw new UnsupportedOperationException("subscriptions go through the whiteboard");
    }

    @Override
    public CompletionStage<UnsubscribeResult> unsubscribe(List<String> filters) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<MqttMessage> request(MqttMessage request, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<MqttMessage> poll() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int receiveQueueDepth() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setReceiveListener(ReceiveListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addConnectionListener(ConnectionListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeConnectionListener(ConnectionListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ClientStatistics statistics() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("a client service is owned by its configuration");
    }
}
