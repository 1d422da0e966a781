package io.edgemqtt.impl.client;

import io.edgemqtt.api.ClientState;
import io.edgemqtt.api.ConnectOptions;
import io.edgemqtt.api.ConnectResult;
import io.edgemqtt.api.DisconnectEvent;
import io.edgemqtt.api.DisconnectOptions;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.spi.EnhancedAuthenticator;
import io.edgemqtt.api.spi.TransportSecurity;
import io.edgemqtt.impl.codec.Auth;
import io.edgemqtt.impl.codec.Connack;
import io.edgemqtt.impl.codec.Connect;
import io.edgemqtt.impl.codec.Disconnect;
import io.edgemqtt.impl.codec.MqttPacket;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Publish;
import io.edgemqtt.impl.codec.PublishFlow;
import io.edgemqtt.impl.codec.Suback;
import io.edgemqtt.impl.codec.Unsuback;
import io.edgemqtt.impl.codec.encoder.PacketEncoder;
import io.edgemqtt.impl.delivery.Delivery;
import io.edgemqtt.impl.exec.Backoff;
import io.edgemqtt.impl.io.EventLoop;
import io.edgemqtt.impl.io.MqttConnection;
import io.edgemqtt.impl.io.PacketCodec;
import io.edgemqtt.impl.io.TlsTransport;
import io.edgemqtt.impl.io.Transport;
import io.edgemqtt.impl.session.GuardedStore;
import io.edgemqtt.impl.session.OutboundEntry;
import io.edgemqtt.impl.session.OutboundFlow;
import io.edgemqtt.impl.session.PacketIds;
import io.edgemqtt.impl.session.SendLimits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The protocol engine of one client: connection life cycle, reconnect, keep-alive, both QoS flows, subscriptions.
 * Everything here runs on the client's {@link EventLoop} thread (so none of it needs locks); the public client hands
 * work in through {@link EventLoop#execute(Runnable)} and the publish inbox.
 */
final class ClientCore implements MqttConnection.Listener, OutboundFlow.Sink {
    private static final System.Logger LOG = System.getLogger(ClientCore.class.getName());
    /** Beyond this many bytes waiting for the socket, publishes wait in the session queue instead. */
    private static final int SOCKET_BACKLOG_LIMIT = 1024 * 1024;

    private final DefaultMqttClient client;
    private final String name;
    private final ConnectOptions options;
    private final EventLoop loop;
    private final Executor pool;
    private final ClientEvents events;
    private TransportSecurity security;
    private final EnhancedAuthenticator authenticator;
    private final GuardedStore store;
    private final PacketIds packetIds = new PacketIds();
    private final OutboundFlow outbound;
    private final Delivery delivery;
    private final SubscriptionRequests subscriptionRequests;
    private final KeepAlive keepAlive;
    private final Set<Integer> incomingQos2 = new HashSet<>();
    private final List<CompletableFuture<ConnectResult>> connectWaiters = new ArrayList<>();
    private final Backoff backoff;
    private final ConcurrentLinkedQueue<OutboundEntry> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean inboxScheduled = new AtomicBoolean();
    private final Runnable drainInbox = this::drainInbox;
    private final Stats stats;

    private volatile ClientState state = ClientState.NEW;
    private volatile ConnectResult connection;
    private MqttConnection link;
    private URI linkUri;
    private int serverIndex;
    private boolean wantConnected;
    private boolean everConnected;
    private boolean disconnectReceived;
    private EventLoop.Timer reconnectTimer;
    private EventLoop.Timer connectTimer;
    private int attempt;
    /** The identifier the broker assigned (MQTT 5), used again on every later connect of this client. */
    private String assignedClientId;
    /** A connection was accepted: later ones resume the session rather than start clean (MQTT 5, expiry above 0). */
    private boolean sessionEstablished;
    /** The session expiry in force: what the broker granted, or what the last DISCONNECT set. */
    private long sessionExpiry;
    /** A server a broker referred us to (USE_ANOTHER_SERVER, SERVER_MOVED): the next attempt goes there. */
    private URI redirect;
    /** Inbound topic aliases of the current connection, indexed by alias (null when we announced none). */
    private String[] inboundAliases;
    /** The broker takes subscription identifiers on the current connection (MQTT 5). */

    ClientCore(DefaultMqttClient client, String name, ConnectOptions options, EventLoop loop, Executor pool,
            TransportSecurity security, EnhancedAuthenticator authenticator, GuardedStore store, Stats stats) {
        this.client = client;
        this.name = name;
        this.options = options;
        this.loop = loop;
        this.pool = pool;
        this.events = new ClientEvents(pool);
        this.security = security;
        this.authenticator = authenticator;
        this.store = store;
        this.stats = stats;
        this.backoff = new Backoff(options.reconnectPolicy());
        this.outbound = new OutboundFlow(packetIds, store, this, options.inflightWindow(),
                options.offlineBufferCapacity(), options.offlineOverflowPolicy());
        this.delivery = new Delivery(client, pool, options.receiveQueueCapacity(), options.receiveOverflowPolicy(),
                new Delivery.Pressure() {
                    @Override
                    public void pause() {
                        // Delivery pauses from the loop thread: apply it now, so that a resume posted by a callback
                        // thread afterwards cannot run before it.
                        Runnable pause = () -> {
                            if (link != null) {
                                link.pauseReading();
                            }
                        };
                        if (loop.inLoop()) {
                            pause.run();
                        } else {
                            loop.execute(pause);
                        }
                    }

                    @Override
                    public void resume() {
                        loop.execute(() -> {
                            if (link != null) {
                                link.resumeReading();
                            }
                        });
                    }
                });
        this.keepAlive = new KeepAlive(loop);
        this.subscriptionRequests = new SubscriptionRequests(name, new SubscriptionRequests.Host() {
            @Override
            public boolean isConnected() {
                return state == ClientState.CONNECTED;
            }

            @Override
            public boolean isV5() {
                return ClientCore.this.isV5();
            }

            @Override
            public URI server() {
                return linkUri;
            }

            @Override
            public void send(MqttPacket packet) {
                link.send(packet);
            }

            @Override
            public void protocolError(String message) {
                ClientCore.this.protocolError(message);
            }
        }, packetIds, delivery, events);
    }

    // ---- subscriptions (the bookkeeping is in SubscriptionRequests) ---------------------------------------------

    void request(ControlRequest request) {
        if (state == ClientState.CLOSED) {
            subscriptionRequests.fail(request, closedException());
            return;
        }
        subscriptionRequests.request(request);
    }

    /** Forgets a filter locally (it is being unsubscribed), so it is not restored after a reconnect. */
    void forgetSubscription(String filter) {
        subscriptionRequests.forget(filter);
    }

    // ---- called from any thread ----------------------------------------------------------------------------------

    ClientState state() {
        return state;
    }

    ConnectResult connection() {
        return connection;
    }

    Delivery delivery() {
        return delivery;
    }

    ClientEvents events() {
        return events;
    }

    /** Hands an accepted publish to the loop; many publishes share one wakeup. */
    void submit(OutboundEntry entry) {
        inbox.add(entry);
        if (inboxScheduled.compareAndSet(false, true)) {
            loop.execute(drainInbox);
        }
    }

    // ---- loop thread ---------------------------------------------------------------------------------------------

    void restore() {
        try {
            outbound.restore(store.loadOutgoing());
            incomingQos2.addAll(store.loadIncoming());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "MQTT client " + name + ": cannot read its session store, starting empty: "
                    + e.getMessage());
        }
    }

    private void drainInbox() {
        inboxScheduled.set(false);
        OutboundEntry entry;
        while ((entry = inbox.poll()) != null) {
            if (state == ClientState.CLOSED) {
                failed(entry, closedException());
                continue;
            }
            outbound.enqueue(entry);
        }
        outbound.pump();
    }

    void connect(CompletableFuture<ConnectResult> waiter) {
        if (state == ClientState.CLOSED) {
            waiter.completeExceptionally(closedException());
            return;
        }
        if (state == ClientState.CONNECTED) {
            waiter.complete(connection);
            return;
        }
        connectWaiters.add(waiter);
        wantConnected = true;
        if (link == null && reconnectTimer == null) {
            attempt = 0;
            startAttempt();
        }
    }

    private void startAttempt() {
        reconnectTimer = null;
        if (!wantConnected || state == ClientState.CLOSED) {
            return;
        }
        URI uri;
        if (redirect != null) {
            uri = redirect; // once; the configured rotation goes on from where it was if this fails
            redirect = null;
        } else {
            uri = options.serverUris().get(serverIndex % options.serverUris().size());
            serverIndex++;
        }
        attempt++;
        state = ClientState.CONNECTING;
        disconnectReceived = false;
        boolean tls = isTls(uri);
        if (tls && security == null) {
            attemptFailed(uri, new MqttException(ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                    "server " + uri + " needs TLS but the client has no transport security (TLS profile)"));
            return;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 8883 : 1883);
        String host = uri.getHost();
        // Name resolution may block for seconds: never on the loop thread.
        CompletableFuture.supplyAsync(() -> resolve(host), pool).whenComplete((address, failure) -> loop.execute(() -> {
            if (!wantConnected || state != ClientState.CONNECTING || link != null) {
                return;
            }
            if (failure != null) {
                attemptFailed(uri, new MqttException(ReasonCode.SERVER_UNAVAILABLE,
                        "cannot resolve the host of " + uri + ": " + failure.getCause().getMessage(), failure));
                return;
            }
            Transport transport;
            try {
                transport = tls ? new TlsTransport(security, host, port) : Transport.PLAIN;
            } catch (RuntimeException e) {
                // a profile that cannot make an engine must fail this attempt, not the I/O loop
                attemptFailed(uri, new MqttException(ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, "TLS profile '"
                        + security.profileName() + "' cannot secure a connection to " + uri + ": " + e, e));
                return;
            }
            open(uri, new InetSocketAddress(address, port), transport);
        }));
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private static boolean isTls(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("ssl") || scheme.equals("mqtts");
    }

    private void open(URI uri, InetSocketAddress address, Transport transport) {
        try {
            PacketCodec codec = new PacketCodec(options.protocolVersion(), options.maximumPacketSize());
            link = new MqttConnection(loop, address, transport, codec, this);
            linkUri = uri;
            link.open();
            connectTimer = loop.schedule(options.connectTimeout().toNanos(), () -> {
                connectTimer = null;
                if (link != null && state == ClientState.CONNECTING) {
                    link.close(new MqttException(ReasonCode.SERVER_UNAVAILABLE, "no CONNACK from " + uri
                            + " within the connect timeout of " + options.connectTimeout()), false);
                }
            });
        } catch (IOException e) {
            MqttConnection failed = link;
            link = null;
            if (failed != null) {
                failed.close(null, true);
            }
            attemptFailed(uri, new MqttException(ReasonCode.SERVER_UNAVAILABLE,
                    "cannot connect to " + uri + ": " + e.getMessage(), e));
        }
    }

    @Override
    public void transportReady() {
        link.send(buildConnect());
    }

    private Connect buildConnect() {
        // Later connections use the identifier the broker assigned and resume the session they started (a clean start
        // on every reconnect would throw away what the broker kept for us while we were away).
        String clientId = options.clientId().isEmpty() && assignedClientId != null ? assignedClientId
                : options.clientId();
        boolean resume = isV5() && sessionEstablished && sessionExpiry > 0;
        Connect.Builder connect = Connect.builder(options.protocolVersion(), clientId)
                .cleanStart(options.cleanStart() && !resume)
                .keepAlive(options.keepAliveSeconds());
        options.username().ifPresent(connect::username);
        options.password().ifPresent(connect::password);
        options.will().ifPresent(will -> connect.will(will.message(), will.delaySeconds()));
        if (options.protocolVersion() == MqttVersion.V5) {
            connect.sessionExpiry(options.sessionExpiryInterval())
                    .receiveMaximum(options.receiveMaximum())
                    .maximumPacketSize(options.maximumPacketSize())
                    .topicAliasMaximum(options.topicAliasMaximum())
                    .requestResponseInformation(options.requestResponseInformation())
                    .requestProblemInformation(options.requestProblemInformation())
                    .userProperties(options.connectUserProperties());
            if (authenticator != null) {
                connect.authentication(authenticator.method(), authenticator.initialData().orElse(null));
            }
        }
        return connect.build();
    }

    private boolean isV5() {
        return options.protocolVersion() == MqttVersion.V5;
    }

    @Override
    public void packetReceived(MqttPacket packet) {
        if (state == ClientState.CONNECTING) {
            if (packet instanceof Connack) {
                connack((Connack) packet);
            } else if (packet instanceof Auth) {
                auth((Auth) packet);
            } else if (packet instanceof Disconnect) {
                serverDisconnect((Disconnect) packet);
            } else {
                protocolError("MQTT-3.2.0-1: the first packet from the server must be CONNACK, got " + packet.type());
            }
            return;
        }
        switch (packet.type()) {
            case PUBLISH:
                incomingPublish((Publish) packet);
                break;
            case PUBACK:
                outbound.puback((PublishFlow) packet);
                break;
            case PUBREC:
                if (!outbound.pubrec((PublishFlow) packet)) {
                    // Unknown id: answer so the broker's flow can end (MQTT 5: "packet identifier not found").
                    link.send(PublishFlow.of(PacketType.PUBREL, ((PublishFlow) packet).packetId(),
                            options.protocolVersion() == MqttVersion.V5 ? ReasonCode.PACKET_IDENTIFIER_NOT_FOUND
                                    : ReasonCode.SUCCESS));
                }
                break;
            case PUBREL:
                incomingRelease((PublishFlow) packet);
                break;
            case PUBCOMP:
                outbound.pubcomp((PublishFlow) packet);
                break;
            case SUBACK:
                subscriptionRequests.suback((Suback) packet);
                break;
            case UNSUBACK:
                subscriptionRequests.unsuback((Unsuback) packet);
                break;
            case PINGRESP:
                keepAlive.answered();
                break;
            case DISCONNECT:
                serverDisconnect((Disconnect) packet);
                break;
            case AUTH:
                auth((Auth) packet);
                break;
            default:
                protocolError("MQTT-3.2.0-2: the server sent " + packet.type() + " after CONNACK");
        }
    }

    private void connack(Connack connack) {
        if (connack.reasonCode().isError()) {
            MqttException refusal = new MqttException(connack.reasonCode(), "broker " + linkUri
                    + " refused the connection: " + describeRefusal(connack.reasonCode())
                    + redirectTo(connack.reasonCode(), connack.serverReference()), connack.reasonString(),
                    connack.userProperties());
            disconnectReceived = true;
            link.close(refusal, false);
            return;
        }
        if (authenticator != null) {
            try {
                authenticator.succeeded(orEmpty(connack.authenticationData()));
            } catch (MqttException e) {
                link.close(e, false);
                return;
            }
        }
        if (connectTimer != null) {
            connectTimer.cancel();
            connectTimer = null;
        }
        if (connack.assignedClientIdentifier() != null) {
            assignedClientId = connack.assignedClientIdentifier();
        }
        String clientId = connack.assignedClientIdentifier() != null ? connack.assignedClientIdentifier()
                : options.clientId().isEmpty() && assignedClientId != null ? assignedClientId : options.clientId();
        int keepAlive = connack.serverKeepAliveSeconds() >= 0 ? connack.serverKeepAliveSeconds()
                : options.keepAliveSeconds();
        ConnectResult.Builder result = ConnectResult.builder(linkUri, clientId)
                .sessionPresent(connack.sessionPresent())
                .keepAliveSeconds(keepAlive)
                .sessionExpiryInterval(connack.sessionExpirySeconds() >= 0 ? connack.sessionExpirySeconds()
                        : options.sessionExpiryInterval())
                .receiveMaximum(connack.receiveMaximum())
                .maximumQos(connack.maximumQos())
                .retainAvailable(connack.retainAvailable())
                .maximumPacketSize(connack.maximumPacketSize())
                .topicAliasMaximum(connack.topicAliasMaximum())
                .wildcardSubscriptionAvailable(connack.wildcardSubscriptionAvailable())
                .subscriptionIdentifiersAvailable(connack.subscriptionIdentifiersAvailable())
                .sharedSubscriptionAvailable(connack.sharedSubscriptionAvailable())
                .responseInformation(connack.responseInformation())
                .serverReference(connack.serverReference())
                .reasonString(connack.reasonString())
                .userProperties(connack.userProperties());
        if (connack.assignedClientIdentifier() != null) {
            result.assignedClientIdentifier(connack.assignedClientIdentifier());
        }
        ConnectResult accepted = result.build();
        connection = accepted;
        sessionEstablished = true;
        sessionExpiry = accepted.sessionExpiryInterval();
        inboundAliases = isV5() && options.topicAliasMaximum() > 0 ? new String[options.topicAliasMaximum() + 1]
                : null;
        boolean subscriptionIdsAvailable = isV5() && connack.subscriptionIdentifiersAvailable();
        delivery.routeBySubscriptionIdentifier(subscriptionIdsAvailable);
        state = ClientState.CONNECTED;
        if (everConnected) {
            stats.reconnects++;
        }
        everConnected = true;
        stats.connectedSince = Instant.now();
        stats.serverUri = linkUri.toString();
        stats.sessionPresent = connack.sessionPresent();
        backoff.reset();
        attempt = 0;
        this.keepAlive.start(link, linkUri, keepAlive);

        if (!connack.sessionPresent()) {
            for (int packetId : incomingQos2) {
                store.removeIncoming(packetId);
            }
            incomingQos2.clear();
        }
        outbound.connected(connack.sessionPresent(), isV5()
                ? new SendLimits(connack.receiveMaximum(), connack.maximumPacketSize(),
                        Math.min(options.outboundTopicAliases(), connack.topicAliasMaximum()), true)
                : SendLimits.NONE);
        subscriptionRequests.connected(connack.sessionPresent(), subscriptionIdsAvailable);
        List<CompletableFuture<ConnectResult>> waiters = new ArrayList<>(connectWaiters);
        connectWaiters.clear();
        events.execute(() -> waiters.forEach(waiter -> waiter.complete(accepted)));
        events.connected(client.connectionListeners(), accepted);
        LOG.log(Level.INFO, "MQTT client " + name + " connected to " + linkUri + " as '" + clientId + "'"
                + (connack.sessionPresent() ? " (session resumed)" : ""));
    }

    /**
     * Remembers where a broker sent us (USE_ANOTHER_SERVER or SERVER_MOVED with a Server Reference, section 4.11):
     * the next attempt goes there.
     *
     * @return words for the error message, empty if there is no referral
     */
    private String redirectTo(ReasonCode code, String serverReference) {
        if (serverReference == null || code != ReasonCode.USE_ANOTHER_SERVER && code != ReasonCode.SERVER_MOVED) {
            return "";
        }
        URI next = ServerReference.resolve(linkUri, serverReference);
        if (next == null) {
            return " (server reference '" + serverReference + "' is not a host[:port]; ignored)";
        }
        redirect = next;
        return " (server reference '" + serverReference + "': the next attempt goes to " + next + ")";
    }

    private static byte[] orEmpty(byte[] data) {
        return data == null ? new byte[0] : data;
    }

    private static String describeRefusal(ReasonCode code) {
        switch (code) {
            case UNSUPPORTED_PROTOCOL_VERSION:
                return "unsupported protocol version (set the protocol version the broker speaks)";
            case CLIENT_IDENTIFIER_NOT_VALID:
                return "client identifier not valid";
            case BAD_USER_NAME_OR_PASSWORD:
                return "bad user name or password";
            case NOT_AUTHORIZED:
                return "not authorized";
            case SERVER_UNAVAILABLE:
                return "server unavailable";
            default:
                return code.toString();
        }
    }

    private void auth(Auth auth) {
        if (authenticator == null || options.protocolVersion() != MqttVersion.V5) {
            protocolError("MQTT-4.12.0-1: the server sent AUTH but no enhanced authentication was requested");
            return;
        }
        if (auth.reasonCode() != ReasonCode.CONTINUE_AUTHENTICATION) {
            protocolError("MQTT-4.12.0-2: unexpected AUTH reason " + auth.reasonCode());
            return;
        }
        try {
            byte[] answer = authenticator.challenge(orEmpty(auth.authenticationData()));
            link.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, authenticator.method(), answer, null, List.of()));
        } catch (MqttException e) {
            link.close(e, false);
        }
    }

    private void incomingPublish(Publish publish) {
        MqttMessage message = publish.message();
        if (publish.topicAlias() != 0) {
            message = resolveTopicAlias(publish);
            if (message == null) {
                return;
            }
        }
        if (message.qos() != Qos.AT_MOST_ONCE && isV5() && incomingQos2.size() >= options.receiveMaximum()
                && !incomingQos2.contains(publish.packetId())) {
            // QoS 1 is acknowledged at once, so what is unacknowledged is the QoS 2 publishes waiting for PUBREL.
            protocolError(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "the broker sent a QoS " + message.qos().value()
                    + " PUBLISH while " + incomingQos2.size() + " were unacknowledged, more than the receive maximum of "
                    + options.receiveMaximum() + " this client announced (section 4.9)");
            return;
        }
        if (isV5() && message.isPayloadUtf8() && !DefaultMqttClient.isUtf8(message.payload())) {
            refuseInvalidPayload(publish, message);
            return;
        }
        switch (message.qos()) {
            case AT_MOST_ONCE:
                received(message, publish.dup());
                break;
            case AT_LEAST_ONCE:
                received(message, publish.dup());
                link.send(PublishFlow.of(PacketType.PUBACK, publish.packetId()));
                break;
            default:
                // Exactly once: deliver the first copy, remember its id until PUBREL (MQTT-4.3.3-2).
                if (incomingQos2.add(publish.packetId())) {
                    store.addIncoming(publish.packetId());
                    received(message, publish.dup());
                }
                link.send(PublishFlow.of(PacketType.PUBREC, publish.packetId()));
        }
    }

    /**
     * Resolves an inbound topic alias (section 3.3.2.3.4): a PUBLISH with topic and alias sets the mapping for this
     * connection, one with the alias alone uses it.
     *
     * @return the message with its topic, or null after a protocol error closed the connection
     */
    private MqttMessage resolveTopicAlias(Publish publish) {
        int alias = publish.topicAlias();
        if (inboundAliases == null || alias >= inboundAliases.length) {
            protocolError(ReasonCode.TOPIC_ALIAS_INVALID, "the broker sent topic alias " + alias + ", above the topic"
                    + " alias maximum of " + options.topicAliasMaximum() + " this client announced (section 3.3.2.3.4)");
            return null;
        }
        if (!publish.aliasOnly()) {
            inboundAliases[alias] = publish.message().topic();
            return publish.message();
        }
        String topic = inboundAliases[alias];
        if (topic == null) {
            protocolError(ReasonCode.PROTOCOL_ERROR, "the broker sent topic alias " + alias + " without a topic, but"
                    + " no topic is mapped to it on this connection (section 3.3.2.3.4)");
            return null;
        }
        return publish.message().toBuilder().topic(topic).build();
    }

    /**
     * A payload declared UTF-8 that is not (section 3.3.2.3.2 lets the receiver check it): not delivered; QoS 1/2 is
     * answered with PAYLOAD_FORMAT_INVALID, so the broker ends the flow and does not send it again. The connection
     * stays up: one bad message from another publisher should not cut this client off.
     */
    private void refuseInvalidPayload(Publish publish, MqttMessage message) {
        stats.dropped++;
        LOG.log(Level.WARNING, "MQTT client " + name + ": dropped a message on '" + message.topic() + "': its payload"
                + " format indicator says UTF-8 but the payload is not well-formed UTF-8");
        if (message.qos() == Qos.AT_LEAST_ONCE) {
            link.send(PublishFlow.of(PacketType.PUBACK, publish.packetId(), ReasonCode.PAYLOAD_FORMAT_INVALID));
        } else if (message.qos() == Qos.EXACTLY_ONCE) {
            link.send(PublishFlow.of(PacketType.PUBREC, publish.packetId(), ReasonCode.PAYLOAD_FORMAT_INVALID));
        }
    }

    private void received(MqttMessage message, boolean dup) {
        stats.received++;
        delivery.deliver(dup == message.isDuplicate() ? message : message.toBuilder().duplicate(dup).build());
    }

    private void incomingRelease(PublishFlow release) {
        boolean known = incomingQos2.remove(release.packetId());
        if (known) {
            store.removeIncoming(release.packetId());
        }
        link.send(PublishFlow.of(PacketType.PUBCOMP, release.packetId(),
                known || options.protocolVersion() != MqttVersion.V5 ? ReasonCode.SUCCESS
                        : ReasonCode.PACKET_IDENTIFIER_NOT_FOUND));
    }

    // ---- connection end ------------------------------------------------------------------------------------------

    private void serverDisconnect(Disconnect disconnect) {
        disconnectReceived = true;
        link.close(new MqttException(disconnect.reasonCode(), "broker " + linkUri + " closed the connection with "
                + disconnect.reasonCode() + redirectTo(disconnect.reasonCode(), disconnect.serverReference()),
                disconnect.reasonString(), disconnect.userProperties()), false);
    }

    private void protocolError(String message) {
        protocolError(ReasonCode.PROTOCOL_ERROR, message);
    }

    /** Ends the connection over a broker's breach of the protocol, telling it why first (MQTT 5). */
    private void protocolError(ReasonCode reason, String message) {
        LOG.log(Level.WARNING, "MQTT client " + name + ": protocol error from " + linkUri + ": " + message);
        if (isV5()) {
            link.send(Disconnect.of(reason));
            link.flush();
        }
        link.close(new MqttException(reason, "protocol error from " + linkUri + ": " + message), false);
    }

    @Override
    public void connectionClosed(MqttException cause) {
        URI uri = linkUri;
        boolean wasConnected = state == ClientState.CONNECTED;
        bankLinkCounters();
        link = null;
        cancelTimers();
        connection = null;
        stats.connectedSince = null;
        subscriptionRequests.connectionLost();
        if (state == ClientState.CLOSED) {
            return;
        }
        if (wasConnected) {
            LOG.log(Level.WARNING, "MQTT client " + name + " lost its connection to " + uri + ": "
                    + cause.getMessage());
            state = ClientState.DISCONNECTED;
            stats.lastError = cause.getMessage();
            boolean again = wantConnected && options.reconnectPolicy().isEnabled();
            events.disconnected(client.connectionListeners(), DisconnectEvent.of(uri,
                    disconnectReceived ? DisconnectEvent.Initiator.SERVER : DisconnectEvent.Initiator.CONNECTION,
                    cause, again));
            if (again) {
                scheduleReconnect();
            } else {
                wantConnected = false;
            }
        } else {
            attemptFailed(uri, cause);
        }
    }

    private void attemptFailed(URI uri, MqttException cause) {
        state = ClientState.DISCONNECTED;
        stats.lastError = cause.getMessage();
        boolean again = wantConnected && options.reconnectPolicy().isEnabled();
        LOG.log(again ? Level.INFO : Level.WARNING, "MQTT client " + name + ": connection attempt to " + uri
                + " failed: " + cause.getMessage());
        events.disconnected(client.connectionListeners(), DisconnectEvent.of(uri,
                disconnectReceived ? DisconnectEvent.Initiator.SERVER : DisconnectEvent.Initiator.CONNECTION, cause,
                again));
        if (again) {
            scheduleReconnect();
        } else {
            wantConnected = false;
            failConnectWaiters(cause);
        }
    }

    private void scheduleReconnect() {
        long delay = backoff.nextDelayNanos();
        URI next = redirect != null ? redirect : options.serverUris().get(serverIndex % options.serverUris().size());
        events.reconnecting(client.connectionListeners(), backoff.nextAttempt() - 1,
                Duration.ofNanos(delay), next);
        reconnectTimer = loop.schedule(delay, this::startAttempt);
    }

    private void failConnectWaiters(MqttException cause) {
        List<CompletableFuture<ConnectResult>> waiters = new ArrayList<>(connectWaiters);
        connectWaiters.clear();
        events.execute(() -> waiters.forEach(waiter -> waiter.completeExceptionally(cause)));
    }

    private void cancelTimers() {
        if (connectTimer != null) {
            connectTimer.cancel();
            connectTimer = null;
        }
        keepAlive.stop();
        if (reconnectTimer != null) {
            reconnectTimer.cancel();
            reconnectTimer = null;
        }
    }

    private void bankLinkCounters() {
        if (link != null) {
            stats.bytesSentClosed += link.bytesSent();
            stats.bytesReceivedClosed += link.bytesReceived();
        }
    }

    void disconnect(DisconnectOptions disconnectOptions, CompletableFuture<Void> done) {
        wantConnected = false;
        if (reconnectTimer != null) {
            reconnectTimer.cancel();
            reconnectTimer = null;
        }
        MqttException cause = new MqttException(ReasonCode.NORMAL_DISCONNECTION,
                "the application disconnected the client");
        failConnectWaiters(cause);
        if (link != null) {
            URI uri = linkUri;
            boolean wasConnected = state == ClientState.CONNECTED;
            if (wasConnected) {
                link.send(new Disconnect(disconnectOptions.reasonCode(),
                        disconnectOptions.sessionExpiryInterval().orElse(-1), disconnectOptions.reasonString()
                                .orElse(null), null, disconnectOptions.userProperties()));
                if (isV5()) {
                    sessionExpiry = disconnectOptions.sessionExpiryInterval().orElse(sessionExpiry);
                }
            }
            MqttConnection closing = link;
            bankLinkCounters();
            link = null;
            cancelTimers();
            subscriptionRequests.connectionLost();
            closing.flushAndClose();
            connection = null;
            stats.connectedSince = null;
            if (state != ClientState.CLOSED) {
                state = ClientState.DISCONNECTED;
            }
            if (wasConnected) {
                LOG.log(Level.INFO, "MQTT client " + name + " disconnected from " + uri);
                events.disconnected(client.connectionListeners(),
                        DisconnectEvent.of(uri, DisconnectEvent.Initiator.CLIENT, null, false));
            }
        } else if (state != ClientState.CLOSED && state != ClientState.NEW) {
            state = ClientState.DISCONNECTED;
        }
        events.execute(() -> done.complete(null));
    }

    void close(CompletableFuture<Void> done) {
        disconnect(DisconnectOptions.NORMAL, new CompletableFuture<>());
        state = ClientState.CLOSED;
        MqttException closed = closedException();
        drainInbox();
        outbound.failAll(closed);
        subscriptionRequests.failAll(closed);
        store.close();
        delivery.clear();
        done.complete(null); // on the loop: close() may be waiting on a callback thread of this client
    }

    private MqttException closedException() {
        return new MqttException(ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, "MQTT client " + name + " is closed"
                + (store.isPersistent() ? " (unacknowledged QoS 1/2 publishes stay in its session store)" : ""));
    }

    /**
     * Uses another TLS profile from the next connection on; an open connection is closed so that the next one, made at
     * once, uses the new material (the session is kept).
     */
    void replaceTransportSecurity(TransportSecurity replacement) {
        security = replacement;
        if (link != null && isTls(linkUri)) {
            link.close(new MqttException(ReasonCode.ADMINISTRATIVE_ACTION,
                    "the TLS profile was replaced; reconnecting with the new one"), false);
        }
    }

    // ---- OutboundFlow.Sink ---------------------------------------------------------------------------------------

    @Override
    public boolean canSend() {
        return state == ClientState.CONNECTED && link != null && link.queuedBytes() < SOCKET_BACKLOG_LIMIT;
    }

    @Override
    public void send(MqttPacket packet) {
        link.send(packet);
    }

    @Override
    public void completed(OutboundEntry entry, PublishResult result) {
        stats.published++;
        CompletableFuture<PublishResult> future = entry.future();
        if (future != null) {
            events.execute(() -> future.complete(result));
        }
    }

    @Override
    public void failed(OutboundEntry entry, MqttException failure) {
        if (failure.reasonCode() == ReasonCode.QUOTA_EXCEEDED) {
            stats.dropped++;
        }
        CompletableFuture<PublishResult> future = entry.future();
        if (future != null) {
            events.execute(() -> future.completeExceptionally(failure));
        } else {
            LOG.log(Level.WARNING, "MQTT client " + name + ": restored publish to " + entry.message().topic()
                    + " failed: " + failure.getMessage());
        }
    }

    @Override
    public int encodedSize(MqttPacket packet) {
        return PacketEncoder.size(packet, options.protocolVersion());
    }

    @Override
    public void writeDrained() {
        // The socket took what was queued: publishes held back by the backlog limit may go now.
        outbound.pump();
    }

    /** @return counters read on the loop thread */
    Stats.Snapshot snapshot() {
        return stats.snapshot(state, outbound.inFlightCount(), outbound.waitingCount(),
                link == null ? 0 : link.bytesSent(), link == null ? 0 : link.bytesReceived());
    }
}
