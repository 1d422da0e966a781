package io.edgemqtt.impl.client;

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
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.ReceiveListener;
import io.edgemqtt.api.SubscribeResult;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.UnsubscribeResult;
import io.edgemqtt.api.spi.EnhancedAuthenticator;
import io.edgemqtt.api.spi.TransportSecurity;
import io.edgemqtt.impl.delivery.HandlerBinding;
import io.edgemqtt.impl.exec.EngineThreads;
import io.edgemqtt.impl.session.GuardedStore;
import io.edgemqtt.impl.session.OutboundEntry;
import io.edgemqtt.impl.topic.TopicValidator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's {@link MqttClient}: checks arguments on the caller's thread, keeps QoS 1/2 publishes in the session
 * store before returning, and hands everything else to the {@link ClientCore} on the I/O loop.
 */
public final class DefaultMqttClient implements MqttClient {
    private final String name;
    private final ConnectOptions options;
    private final EngineThreads threads;
    private final GuardedStore store;
    private final ClientCore core;
    private final CopyOnWriteArrayList<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param name label for logs and statistics
     * @param options how to connect
     * @param security TLS profile, or null
     * @param authenticator MQTT 5 enhanced authentication, or null
     * @param store the session store wrapper
     */
    public DefaultMqttClient(String name, ConnectOptions options, TransportSecurity security,
            EnhancedAuthenticator authenticator, GuardedStore store) {
        this.name = name;
        this.options = options;
        this.store = store;
        this.threads = EngineThreads.acquire();
        this.core = new ClientCore(this, name, options, threads.loop(), threads.callbacks(), security, authenticator,
                store, new Stats());
        onLoop(core::restore);
    }

    List<ConnectionListener> connectionListeners() {
        return listeners;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ConnectOptions options() {
        return options;
    }

    @Override
    public ClientState state() {
        return core.state();
    }

    @Override
    public Optional<ConnectResult> connection() {
        return Optional.ofNullable(core.connection());
    }

    @Override
    public CompletionStage<ConnectResult> connect() {
        CompletableFuture<ConnectResult> future = new CompletableFuture<>();
        if (!execute(() -> core.connect(future), future)) {
            return future;
        }
        return future;
    }

    @Override
    public CompletionStage<Void> disconnect(DisconnectOptions disconnectOptions) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (closed.get()) {
            future.complete(null);
            return future;
        }
        if (options.protocolVersion() == MqttVersion.V5 && options.sessionExpiryInterval() == 0
                && disconnectOptions.sessionExpiryInterval().orElse(0) != 0) {
            future.completeExceptionally(new MqttException(ReasonCode.PROTOCOL_ERROR, "cannot set a session expiry of "
                    + disconnectOptions.sessionExpiryInterval().getAsLong() + " s at disconnect: the client connected"
                    + " with session expiry 0, which DISCONNECT cannot raise (MQTT-3.14.2-2); nothing was sent and the"
                    + " client stays connected"));
            return future;
        }
        execute(() -> core.disconnect(disconnectOptions, future), future);
        return future;
    }

    @Override
    public CompletionStage<PublishResult> publish(MqttMessage message) {
        CompletableFuture<PublishResult> future = new CompletableFuture<>();
        MqttException invalid = check(message);
        if (invalid != null) {
            future.completeExceptionally(invalid);
            return future;
        }
        if (closed.get()) {
            future.completeExceptionally(closedException());
            return future;
        }
        if (!message.subscriptionIdentifiers().isEmpty() || message.isDuplicate()) {
            // Only the broker sets these; a message received and published again must not carry them.
            message = message.toBuilder().subscriptionIdentifiers(List.of()).duplicate(false).build();
        }
        long sequence = 0;
        if (message.qos() != Qos.AT_MOST_ONCE) {
            try {
                sequence = store.add(message);
            } catch (IOException e) {
                future.completeExceptionally(new MqttException(ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                        "publish to " + message.topic() + " refused: the session store could not keep it: "
                                + e.getMessage(), e));
                return future;
            }
        }
        core.submit(new OutboundEntry(sequence, message, future));
        return future;
    }

    private MqttException check(MqttMessage message) {
        try {
            TopicValidator.validateTopicName(message.topic());
        } catch (MqttException e) {
            return new MqttException(ReasonCode.TOPIC_NAME_INVALID, "cannot publish to '" + message.topic()
                    + "': " + e.getMessage());
        }
        if (options.maximumPayloadSize() > 0 && message.payloadSize() > options.maximumPayloadSize()) {
            return new MqttException(ReasonCode.PACKET_TOO_LARGE, "payload of " + message.payloadSize()
                    + " bytes to '" + message.topic() + "' is above the maximum payload size of "
                    + options.maximumPayloadSize() + " bytes");
        }
        if (message.payloadSize() > ConnectOptions.PROTOCOL_MAXIMUM_PACKET_SIZE - 65_600) {
            return new MqttException(ReasonCode.PACKET_TOO_LARGE, "payload of " + message.payloadSize()
                    + " bytes does not fit in an MQTT packet");
        }
        if (message.isPayloadUtf8() && options.protocolVersion() == MqttVersion.V5 && !isUtf8(message.payload())) {
            return new MqttException(ReasonCode.PAYLOAD_FORMAT_INVALID, "payload to '" + message.topic()
                    + "' is declared UTF-8 but is not well-formed UTF-8");
        }
        return null;
    }

    static boolean isUtf8(ByteBuffer payload) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(payload);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public CompletionStage<SubscribeResult> subscribe(List<Subscription> subscriptions) {
        CompletableFuture<SubscribeResult> future = new CompletableFuture<>();
        if (checkFilters(subscriptions, future)) {
            execute(() -> core.request(ControlRequest.subscribe(List.copyOf(subscriptions), future, false)), future);
        }
        return future;
    }

    @Override
    public CompletionStage<SubscribeResult> subscribe(Subscription subscription, MessageHandler handler) {
        Attached attached = attach(subscription, handler);
        // A refused subscription must not leave its handler attached.
        attached.subscribed.whenComplete((result, failure) -> {
            if (failure != null) {
                detach(attached.binding);
            }
        });
        return attached.subscribed;
    }

    /**
     * Subscribes for a whiteboard handler and returns the binding, so that the handler can later be detached without
     * unsubscribing a filter another handler still uses.
     *
     * @param subscription the subscription
     * @param handler the handler
     * @return the binding and the broker's answer
     */
    public Attached attach(Subscription subscription, MessageHandler handler) {
        CompletableFuture<SubscribeResult> future = new CompletableFuture<>();
        HandlerBinding binding = core.delivery().attach(subscription.filter(), handler);
        if (checkFilters(List.of(subscription), future)) {
            execute(() -> core.request(ControlRequest.subscribeForHandler(subscription, future)), future);
        }
        return new Attached(binding, future);
    }

    /**
     * @param binding a binding from {@link #attach} to detach (the filter stays subscribed)
     */
    public void detach(HandlerBinding binding) {
        core.delivery().detach(binding);
    }

    /**
     * Switches to another TLS profile: the current TLS connection, if any, is closed and the client reconnects with
     * the new material at once, keeping its session.
     *
     * @param security the new profile
     */
    public void replaceTransportSecurity(TransportSecurity security) {
        onLoop(() -> core.replaceTransportSecurity(security));
    }

    /** A whiteboard attachment: the binding and the broker's answer. */
    public static final class Attached {
        /** The handler binding. */
        public final HandlerBinding binding;
        /** Completes with the SUBACK. */
        public final CompletableFuture<SubscribeResult> subscribed;

        Attached(HandlerBinding binding, CompletableFuture<SubscribeResult> subscribed) {
            this.binding = binding;
            this.subscribed = subscribed;
        }
    }

    private boolean checkFilters(List<Subscription> subscriptions, CompletableFuture<?> future) {
        if (subscriptions.isEmpty()) {
            future.completeExceptionally(new MqttException(ReasonCode.PROTOCOL_ERROR,
                    "subscribe needs at least one subscription (MQTT-3.8.3-3)"));
            return false;
        }
        for (Subscription subscription : subscriptions) {
            try {
                TopicValidator.validateTopicFilter(subscription.filter());
            } catch (MqttException e) {
                future.completeExceptionally(new MqttException(ReasonCode.TOPIC_FILTER_INVALID,
                        "cannot subscribe to '" + subscription.filter() + "': " + e.getMessage()));
                return false;
            }
        }
        if (closed.get()) {
            future.completeExceptionally(closedException());
            return false;
        }
        return true;
    }

    @Override
    public CompletionStage<UnsubscribeResult> unsubscribe(List<String> filters) {
        CompletableFuture<UnsubscribeResult> future = new CompletableFuture<>();
        if (filters.isEmpty()) {
            future.completeExceptionally(new MqttException(ReasonCode.PROTOCOL_ERROR,
                    "unsubscribe needs at least one filter (MQTT-3.10.3-2)"));
            return future;
        }
        for (String filter : filters) {
            try {
                TopicValidator.validateTopicFilter(filter);
            } catch (MqttException e) {
                future.completeExceptionally(new MqttException(ReasonCode.TOPIC_FILTER_INVALID,
                        "cannot unsubscribe from '" + filter + "': " + e.getMessage()));
                return future;
            }
        }
        if (closed.get()) {
            future.completeExceptionally(closedException());
            return future;
        }
        filters.forEach(core.delivery()::detachAll);
        execute(() -> {
            filters.forEach(core::forgetSubscription);
            core.request(ControlRequest.unsubscribe(List.copyOf(filters), future));
        }, future);
        return future;
    }

    @Override
    public CompletionStage<MqttMessage> request(MqttMessage request, Duration timeout) {
        return RequestResponse.request(this, request, timeout, threads.callbacks());
    }

    @Override
    public Optional<MqttMessage> poll() {
        return core.delivery().poll();
    }

    @Override
    public int receiveQueueDepth() {
        return core.delivery().queueDepth();
    }

    @Override
    public void setReceiveListener(ReceiveListener listener) {
        core.delivery().setReceiveListener(listener);
    }

    @Override
    public void addConnectionListener(ConnectionListener listener) {
        listeners.addIfAbsent(listener);
    }

    @Override
    public void removeConnectionListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public ClientStatistics statistics() {
        if (closed.get()) {
            return ClientStatistics.builder(ClientState.CLOSED).build();
        }
        CompletableFuture<Stats.Snapshot> snapshot = new CompletableFuture<>();
        onLoop(() -> snapshot.complete(core.snapshot()));
        try {
            Stats.Snapshot loopPart = snapshot.get(5, TimeUnit.SECONDS);
            return loopPart.builder
                    .receiveQueueDepth(core.delivery().queueDepth())
                    .droppedMessages(loopPart.dropped + core.delivery().dropped())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ClientStatistics.builder(core.state()).build();
        } catch (ExecutionException | TimeoutException e) {
            return ClientStatistics.builder(core.state()).lastError("statistics unavailable: " + e).build();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> core.close(done));
        try {
            if (!threads.loop().inLoop()) {
                done.get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing anyway
        }
        threads.release();
    }

    private boolean execute(Runnable task, CompletableFuture<?> future) {
        if (closed.get()) {
            future.completeExceptionally(closedException());
            return false;
        }
        onLoop(task);
        return true;
    }

    private void onLoop(Runnable task) {
        threads.loop().execute(task);
    }

    private MqttException closedException() {
        return new MqttException(ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, "MQTT client " + name + " is closed");
    }

    @Override
    public String toString() {
        return "MqttClient[" + name + ", " + options.serverUris() + ", " + core.state() + "]";
    }
}
