package io.edgemqtt.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An MQTT client: one logical session with a broker, kept across connections.
 *
 * <h2>Life cycle</h2>
 * A client is created {@link ClientState#NEW} (by {@link MqttClientFactory}, or by a configuration in OSGi, where it is
 * registered as a service of this type and already connecting). {@link #connect()} starts it: it connects, and when
 * the connection is lost it reconnects by itself as the {@link ReconnectPolicy} says, across the server URIs. {@link
 * #disconnect()} ends the connection on purpose and stops reconnecting; {@link #connect()} may be called again. {@link
 * #close()} ends everything: the connection, the threads it used, the receive queue; it cannot be undone. A client
 * obtained as an OSGi service is owned by its configuration: do not close it.
 *
 * <h2>Asynchronous operations</h2>
 * Every operation returns at once with a {@link CompletionStage}. It completes normally with the result, or
 * exceptionally with an {@link MqttException} (possibly a subclass) whose {@link MqttException#reasonCode()} says why;
 * invalid arguments (a topic with a wildcard, a payload above the limit) fail the stage, they do not throw. Stages
 * complete on a client callback thread, never on the I/O thread, so dependent actions may block briefly without
 * stalling the connection. The {@code ...AndWait} methods block the caller instead.
 *
 * <h2>Publishing</h2>
 * A publish is accepted at once, in order, and sent as soon as the connection and the in-flight window allow. While not
 * connected it waits in the offline buffer (bounded; see {@link ConnectOptions#offlineBufferCapacity()}). QoS 1 and 2
 * publishes that were sent but not acknowledged are sent again, with DUP, after a reconnect that resumes the session;
 * with a persistent {@link io.edgemqtt.api.spi.SessionStore} they also survive a restart of the process (their
 * stages do not: the new process reports them through {@link ClientStatistics}).
 *
 * <h2>Receiving</h2>
 * Messages reach the application three ways: the {@link MessageHandler} of each subscription made with {@link
 * #subscribe(Subscription, MessageHandler)} (and of OSGi whiteboard handlers) whose filter matches the topic; and,
 * when no handler's filter matches, the bounded receive queue, read without blocking by {@link #poll()} (the NetX
 * model), with a {@link ReceiveListener} told the queue depth as messages arrive. QoS 2 messages reach the
 * application exactly once. Handlers run on callback threads, never on the I/O thread.
 *
 * <h2>Thread safety</h2>
 * All methods may be called from any thread.
 */
@ProviderType
public interface MqttClient extends AutoCloseable {
    /** Service property: the client's name (the configuration's name in OSGi). */
    String NAME_PROPERTY = "name";
    /** Service property: the configured server URIs, a {@code String[]}. */
    String SERVER_URIS_PROPERTY = "mqtt.server.uris";
    /** Service property: the configured client identifier. */
    String CLIENT_ID_PROPERTY = "mqtt.client.id";
    /** Service property: the protocol version, {@code "3.1.1"} or {@code "5"}. */
    String PROTOCOL_VERSION_PROPERTY = "mqtt.protocol.version";

    /** @return the client's name: a label for logs, shell commands and service filters */
    String name();

    /** @return the options the client was created with */
    ConnectOptions options();

    /** @return the current state */
    ClientState state();

    /** @return the result of the current connection, if connected */
    Optional<ConnectResult> connection();

    /**
     * Starts connecting (if not already connected or connecting) and keeps the client connected as the reconnect
     * policy says.
     *
     * @return completes with the broker's answer when a connection is accepted. With reconnect disabled it fails on
     *     the first failed attempt ({@link ReasonCode#SERVER_UNAVAILABLE} for a network failure, the CONNACK code for a
     *     refusal); with reconnect enabled, failed attempts are reported to {@link ConnectionListener}s and the stage
     *     completes when an attempt succeeds, or fails if the client is disconnected or closed first
     */
    CompletionStage<ConnectResult> connect();

    /**
     * Sends DISCONNECT (so the broker discards the will), closes the connection and stops reconnecting. Publishes not
     * yet acknowledged stay in the session (sent again on the next connect if the session is kept); publishes still
     * in the offline buffer stay there.
     *
     * @return completes when the connection is closed
     */
    default CompletionStage<Void> disconnect() {
        return disconnect(DisconnectOptions.NORMAL);
    }

    /**
     * Like {@link #disconnect()}, with an MQTT 5 reason code, session expiry override and properties.
     *
     * @param options what to send
     * @return completes when the connection is closed
     */
    CompletionStage<Void> disconnect(DisconnectOptions options);

    /**
     * Publishes a message. The topic is checked first (not empty, valid UTF-8 without U+0000, no wildcards, at most
     * 65535 bytes), then the payload size against {@link ConnectOptions#maximumPayloadSize()} and the broker's MQTT 5
     * maximum packet size; a failed check fails the stage with {@link ReasonCode#TOPIC_NAME_INVALID} or {@link
     * ReasonCode#PACKET_TOO_LARGE} and sends nothing.
     *
     * @param message the message
     * @return completes when the publish is done for its QoS (see {@link PublishResult}); fails with the broker's
     *     reason code (MQTT 5) or locally: {@link ReasonCode#QUOTA_EXCEEDED} when the offline buffer refused or dropped
     *     it, {@link ReasonCode#IMPLEMENTATION_SPECIFIC_ERROR} when the client was closed first
     */
    CompletionStage<PublishResult> publish(MqttMessage message);

    /**
     * Subscribes; matching messages go to the handlers whose filter matches, else to the receive queue.
     *
     * @param subscriptions one or more subscriptions, sent in one SUBSCRIBE
     * @return completes with the broker's answer; fails with {@link SubscribeException} if any subscription was refused
     *     (the message names each refused filter), with {@link ReasonCode#TOPIC_FILTER_INVALID} for an invalid filter
     *     (nothing sent). Made while disconnected, it is sent when connected.
     */
    CompletionStage<SubscribeResult> subscribe(List<Subscription> subscriptions);

    /**
     * Subscribes with one subscription.
     *
     * @param subscription the subscription
     * @return see {@link #subscribe(List)}
     */
    default CompletionStage<SubscribeResult> subscribe(Subscription subscription) {
        return subscribe(List.of(subscription));
    }

    /**
     * Subscribes and routes the matching messages to {@code handler}. The handler stays attached to the filter until
     * {@link #unsubscribe(List)} of the same filter. Subscriptions made through this client are made again after a
     * reconnect that did not resume the session.
     *
     * @param subscription the subscription
     * @param handler receives the messages whose topic matches the subscription's filter
     * @return see {@link #subscribe(List)}
     */
    CompletionStage<SubscribeResult> subscribe(Subscription subscription, MessageHandler handler);

    /**
     * Unsubscribes and detaches the handlers of these filters.
     *
     * @param filters the exact filters subscribed before
     * @return completes with the broker's answer
     */
    CompletionStage<UnsubscribeResult> unsubscribe(List<String> filters);

    /**
     * Unsubscribes one filter.
     *
     * @param filter the filter
     * @return see {@link #unsubscribe(List)}
     */
    default CompletionStage<UnsubscribeResult> unsubscribe(String filter) {
        return unsubscribe(List.of(filter));
    }

    /**
     * MQTT 5 request/response: subscribes to the request's response topic (or to a unique one under this client's
     * response information, when the request has none), publishes the request with fresh correlation data, and
     * completes with the first message on the response topic that carries the same correlation data.
     *
     * @param request the request; its response topic is used if set
     * @param timeout how long to wait for the response
     * @return completes with the response; fails with {@link ReasonCode#UNSPECIFIED_ERROR} and a message saying so on
     *     timeout, or when the protocol version is 3.1.1 (no correlation data there)
     */
    CompletionStage<MqttMessage> request(MqttMessage request, Duration timeout);

    /**
     * Takes the oldest message from the receive queue without blocking (the NetX {@code message_get}).
     *
     * @return the message, or empty when the queue is empty (not an error)
     */
    Optional<MqttMessage> poll();

    /** @return how many messages wait in the receive queue */
    int receiveQueueDepth();

    /**
     * Sets the receive notification. Only one; a new one replaces the old.
     *
     * @param listener told the queue depth as messages arrive, or null to stop notifications
     */
    void setReceiveListener(ReceiveListener listener);

    /**
     * @param listener told of connections, losses and reconnects; added once however often it is passed
     */
    void addConnectionListener(ConnectionListener listener);

    /**
     * @param listener a listener added before; nothing happens if it was not
     */
    void removeConnectionListener(ConnectionListener listener);

    /** @return a snapshot of the counters */
    ClientStatistics statistics();

    /**
     * Disconnects (as {@link #disconnect()}, waiting a short bounded time for the DISCONNECT to be written), releases
     * every thread, socket and buffer the client holds, fails every pending stage, and makes the client {@link
     * ClientState#CLOSED}. Messages in a persistent session store stay there for the next client with this client
     * identifier. Calling it again does nothing.
     */
    @Override
    void close();

    /**
     * Blocking {@link #connect()}.
     *
     * @param timeout how long to wait
     * @return the broker's answer
     * @throws MqttException why the connection failed, or {@link ReasonCode#UNSPECIFIED_ERROR} on timeout (the client
     *     keeps trying if its reconnect policy says so)
     * @throws InterruptedException if interrupted while waiting
     */
    default ConnectResult connectAndWait(Duration timeout) throws InterruptedException {
        return Await.result(connect(), timeout, "connect");
    }

    /**
     * Blocking {@link #publish(MqttMessage)}.
     *
     * @param message the message
     * @param timeout how long to wait for the acknowledgement
     * @return how the publish ended
     * @throws MqttException why it failed, or {@link ReasonCode#UNSPECIFIED_ERROR} on timeout (the publish itself goes
     *     on)
     * @throws InterruptedException if interrupted while waiting
     */
    default PublishResult publishAndWait(MqttMessage message, Duration timeout) throws InterruptedException {
        return Await.result(publish(message), timeout, "publish to " + message.topic());
    }

    /**
     * Blocking {@link #subscribe(List)}.
     *
     * @param subscriptions the subscriptions
     * @param timeout how long to wait for SUBACK
     * @return the broker's answer
     * @throws MqttException why it failed ({@link SubscribeException} if refused), or on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    default SubscribeResult subscribeAndWait(List<Subscription> subscriptions, Duration timeout)
            throws InterruptedException {
        return Await.result(subscribe(subscriptions), timeout, "subscribe");
    }
}
