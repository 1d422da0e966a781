package io.edgemqtt.api;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a client needs to connect, and how it behaves while connected and while not. Immutable; build with
 * {@link #builder()}, change with {@link #toBuilder()}.
 *
 * <p>Server URIs use the schemes {@code tcp://} or {@code mqtt://} (plain, default port 1883) and {@code ssl://} or
 * {@code mqtts://} (TLS, default port 8883; the client then needs a {@link io.edgemqtt.api.spi.TransportSecurity}).
 * Several URIs are tried in turn by the reconnect logic.
 *
 * <p>Sessions: on MQTT 3.1.1 the session is kept by the broker when {@link #cleanStart()} is false ("clean session"
 * false) and lasts until a later clean connect. On MQTT 5 the session lasts {@link #sessionExpiryInterval()} seconds
 * after the connection ends (0: ends with the connection). A durable session across restarts of this process also
 * needs a persistent {@link io.edgemqtt.api.spi.SessionStore} and a fixed client identifier.
 *
 * <p>The password is a secret: it is never part of {@link #toString()}.
 */
public final class ConnectOptions {
    /** Default keep-alive: 60 seconds. */
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 60;
    /** Default in-flight window: QoS 1 and 2 publishes sent but not yet acknowledged. */
    public static final int DEFAULT_INFLIGHT_WINDOW = 1000;
    /** Default receive queue capacity (messages for {@link MqttClient#poll()}). */
    public static final int DEFAULT_RECEIVE_QUEUE_CAPACITY = 5000;
    /** Default offline buffer capacity (publishes accepted while not connected). */
    public static final int DEFAULT_OFFLINE_BUFFER_CAPACITY = 10_000;
    /** Default largest packet the client accepts: 16 MiB. */
    public static final int DEFAULT_MAXIMUM_PACKET_SIZE = 16 * 1024 * 1024;
    /** The protocol's largest packet: 268435455 bytes of remaining length plus 5 bytes of fixed header. */
    public static final int PROTOCOL_MAXIMUM_PACKET_SIZE = 268_435_460;

    private final List<URI> serverUris;
    private final MqttVersion protocolVersion;
    private final String clientId;
    private final boolean cleanStart;
    private final long sessionExpiryInterval;
    private final int keepAliveSeconds;
    private final String username;
    private final byte[] password;
    private final Will will;
    private final int inflightWindow;
    private final int receiveQueueCapacity;
    private final OverflowPolicy receiveOverflowPolicy;
    private final int offlineBufferCapacity;
    private final OverflowPolicy offlineOverflowPolicy;
    private final ReconnectPolicy reconnectPolicy;
    private final int maximumPacketSize;
    private final int maximumPayloadSize;
    private final int receiveMaximum;
    private final int topicAliasMaximum;
    private final int outboundTopicAliases;
    private final Duration connectTimeout;
    private final boolean requestResponseInformation;
    private final boolean requestProblemInformation;
    private final List<UserProperty> connectUserProperties;

    private ConnectOptions(Builder b) {
        this.serverUris = List.copyOf(b.serverUris);
        this.protocolVersion = b.protocolVersion;
        this.clientId = b.clientId;
        this.cleanStart = b.cleanStart;
        this.sessionExpiryInterval = b.sessionExpiryInterval;
        this.keepAliveSeconds = b.keepAliveSeconds;
        this.username = b.username;
        this.password = b.password;
        this.will = b.will;
        this.inflightWindow = b.inflightWindow;
        this.receiveQueueCapacity = b.receiveQueueCapacity;
        this.receiveOverflowPolicy = b.receiveOverflowPolicy;
        this.offlineBufferCapacity = b.offlineBufferCapacity;
        this.offlineOverflowPolicy = b.offlineOverflowPolicy;
        this.reconnectPolicy = b.reconnectPolicy;
        this.maximumPacketSize = b.maximumPacketSize;
        this.maximumPayloadSize = b.maximumPayloadSize;
        this.receiveMaximum = b.receiveMaximum;
        this.topicAliasMaximum = b.topicAliasMaximum;
        this.outboundTopicAliases = b.outboundTopicAliases;
        this.connectTimeout = b.connectTimeout;
        this.requestResponseInformation = b.requestResponseInformation;
        this.requestProblemInformation = b.requestProblemInformation;
        this.connectUserProperties = List.copyOf(b.connectUserProperties);
    }

    /** @return a builder with the defaults documented on each method; at least one server URI must be added */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.serverUris.addAll(serverUris);
        b.protocolVersion = protocolVersion;
        b.clientId = clientId;
        b.cleanStart = cleanStart;
        b.sessionExpiryInterval = sessionExpiryInterval;
        b.keepAliveSeconds = keepAliveSeconds;
        b.username = username;
        b.password = password;
        b.will = will;
        b.inflightWindow = inflightWindow;
        b.receiveQueueCapacity = receiveQueueCapacity;
        b.receiveOverflowPolicy = receiveOverflowPolicy;
        b.offlineBufferCapacity = offlineBufferCapacity;
        b.offlineOverflowPolicy = offlineOverflowPolicy;
        b.reconnectPolicy = reconnectPolicy;
        b.maximumPacketSize = maximumPacketSize;
        b.maximumPayloadSize = maximumPayloadSize;
        b.receiveMaximum = receiveMaximum;
        b.topicAliasMaximum = topicAliasMaximum;
        b.outboundTopicAliases = outboundTopicAliases;
        b.connectTimeout = connectTimeout;
        b.requestResponseInformation = requestResponseInformation;
        b.requestProblemInformation = requestProblemInformation;
        b.connectUserProperties.addAll(connectUserProperties);
        return b;
    }

    /** @return the server URIs, tried in turn; never empty */
    public List<URI> serverUris() {
        return serverUris;
    }

    /** @return the protocol version; default {@link MqttVersion#V3_1_1} */
    public MqttVersion protocolVersion() {
        return protocolVersion;
    }

    /**
     * @return the client identifier; empty means the broker assigns one (allowed on 3.1.1 only with clean start, and
     *     then the session cannot be resumed)
     */
    public String clientId() {
        return clientId;
    }

    /** @return clean start (MQTT 5) / clean session (3.1.1); default true */
    public boolean cleanStart() {
        return cleanStart;
    }

    /**
     * @return MQTT 5 session expiry interval in seconds (0: the session ends with the connection; 4294967295: never
     *     expires); default 0. On 3.1.1 the session is kept whenever {@link #cleanStart()} is false.
     */
    public long sessionExpiryInterval() {
        return sessionExpiryInterval;
    }

    /** @return true if the session is meant to outlive a connection (what {@code cleanStart} and expiry request) */
    public boolean isPersistentSession() {
        return protocolVersion == MqttVersion.V3_1_1 ? !cleanStart : sessionExpiryInterval > 0;
    }

    /** @return keep-alive in seconds, 0 to 65535 (0: off); default 60 */
    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    /** @return the user name, if any */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** @return a copy of the password, if any */
    public Optional<byte[]> password() {
        return password == null ? Optional.empty() : Optional.of(password.clone());
    }

    /** @return the last-will, if any */
    public Optional<Will> will() {
        return Optional.ofNullable(will);
    }

    /**
     * @return the most QoS 1 and 2 publishes sent and not yet acknowledged; more wait in order. On MQTT 5 the broker's
     *     receive maximum lowers it. Default {@value #DEFAULT_INFLIGHT_WINDOW}.
     */
    public int inflightWindow() {
        return inflightWindow;
    }

    /** @return capacity of the receive queue read by {@link MqttClient#poll()}; default 5000 */
    public int receiveQueueCapacity() {
        return receiveQueueCapacity;
    }

    /** @return what the receive queue does when full; default {@link OverflowPolicy#DROP_OLDEST} */
    public OverflowPolicy receiveOverflowPolicy() {
        return receiveOverflowPolicy;
    }

    /** @return most publishes held while not connected (QoS 0 included); default 10000 */
    public int offlineBufferCapacity() {
        return offlineBufferCapacity;
    }

    /** @return what the offline buffer does when full; default {@link OverflowPolicy#DROP_NEWEST} (nothing accepted is lost) */
    public OverflowPolicy offlineOverflowPolicy() {
        return offlineOverflowPolicy;
    }

    /** @return the reconnect policy; default {@link ReconnectPolicy#DEFAULT} */
    public ReconnectPolicy reconnectPolicy() {
        return reconnectPolicy;
    }

    /**
     * @return the largest packet the client accepts from the broker, in bytes (announced on MQTT 5; a larger packet is
     *     a protocol error, refused before its body is read); default 16 MiB
     */
    public int maximumPacketSize() {
        return maximumPacketSize;
    }

    /**
     * @return the largest payload this client publishes, in bytes; a larger one is refused locally with {@link
     *     ReasonCode#PACKET_TOO_LARGE} (some platforms close the connection on more than 131072 bytes); 0: no limit of
     *     our own (the broker's MQTT 5 maximum packet size still applies)
     */
    public int maximumPayloadSize() {
        return maximumPayloadSize;
    }

    /** @return MQTT 5 receive maximum announced to the broker (1 to 65535); default 65535 */
    public int receiveMaximum() {
        return receiveMaximum;
    }

    /** @return MQTT 5 topic alias maximum announced to the broker (aliases it may use towards us); default 0 */
    public int topicAliasMaximum() {
        return topicAliasMaximum;
    }

    /**
     * @return MQTT 5: how many topic aliases the client assigns for its own publishes (bounded further by the broker's
     *     topic alias maximum); 0 (the default) turns outbound aliases off
     */
    public int outboundTopicAliases() {
        return outboundTopicAliases;
    }

    /** @return how long one connection attempt (TCP, TLS and CONNACK) may take; default 30 s */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return MQTT 5 request response information; default false */
    public boolean requestResponseInformation() {
        return requestResponseInformation;
    }

    /** @return MQTT 5 request problem information (reason strings on failures); default true */
    public boolean requestProblemInformation() {
        return requestProblemInformation;
    }

    /** @return MQTT 5 user properties sent with CONNECT */
    public List<UserProperty> connectUserProperties() {
        return connectUserProperties;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ConnectOptions)) {
            return false;
        }
        ConnectOptions that = (ConnectOptions) other;
        return toString().equals(that.toString())
                && java.util.Arrays.equals(password, that.password)
                && Objects.equals(will, that.will)
                && connectUserProperties.equals(that.connectUserProperties);
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Lists every option except the password, which shows only as present or absent. */
    @Override
    public String toString() {
        return "ConnectOptions[servers=" + serverUris + ", version=" + protocolVersion + ", clientId=" + clientId
                + ", cleanStart=" + cleanStart + ", sessionExpiry=" + sessionExpiryInterval + ", keepAlive="
                + keepAliveSeconds + ", username=" + username + ", password=" + (password == null ? "none" : "***")
                + ", will=" + (will != null) + ", inflight=" + inflightWindow + ", receiveQueue=" + receiveQueueCapacity
                + "/" + receiveOverflowPolicy + ", offlineBuffer=" + offlineBufferCapacity + "/" + offlineOverflowPolicy
                + ", " + reconnectPolicy + ", maxPacket=" + maximumPacketSize + ", maxPayload=" + maximumPayloadSize
                + ", receiveMaximum=" + receiveMaximum + ", topicAliasMaximum=" + topicAliasMaximum
                + ", outboundTopicAliases=" + outboundTopicAliases + ", connectTimeout=" + connectTimeout
                + ", requestResponseInformation=" + requestResponseInformation + ", requestProblemInformation="
                + requestProblemInformation + "]";
    }

    /**
     * Builds {@link ConnectOptions}. Every setter checks its value and throws {@link IllegalArgumentException} naming the
     * option and what is wrong; {@link #build()} checks the combination.
     */
    public static final class Builder {
        private final List<URI> serverUris = new ArrayList<>();
        private MqttVersion protocolVersion = MqttVersion.V3_1_1;
        private String clientId = "";
        private boolean cleanStart = true;
        private long sessionExpiryInterval;
        private int keepAliveSeconds = DEFAULT_KEEP_ALIVE_SECONDS;
        private String username;
        private byte[] password;
        private Will will;
        private int inflightWindow = DEFAULT_INFLIGHT_WINDOW;
        private int receiveQueueCapacity = DEFAULT_RECEIVE_QUEUE_CAPACITY;
        private OverflowPolicy receiveOverflowPolicy = OverflowPolicy.DROP_OLDEST;
        private int offlineBufferCapacity = DEFAULT_OFFLINE_BUFFER_CAPACITY;
        private OverflowPolicy offlineOverflowPolicy = OverflowPolicy.DROP_NEWEST;
        private ReconnectPolicy reconnectPolicy = ReconnectPolicy.DEFAULT;
        private int maximumPacketSize = DEFAULT_MAXIMUM_PACKET_SIZE;
        private int maximumPayloadSize;
        private int receiveMaximum = 65_535;
        private int topicAliasMaximum;
        private int outboundTopicAliases;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private boolean requestResponseInformation;
        private boolean requestProblemInformation = true;
        private final List<UserProperty> connectUserProperties = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a server URI.
         *
         * @param uri {@code tcp://host[:port]}, {@code mqtt://}, {@code ssl://} or {@code mqtts://}
         * @return this builder
         * @throws IllegalArgumentException if the URI has another scheme or no host
         */
        public Builder serverUri(String uri) {
            return serverUri(parseUri(uri));
        }

        /**
         * Adds a server URI.
         *
         * @param uri see {@link #serverUri(String)}
         * @return this builder
         */
        public Builder serverUri(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!List.of("tcp", "mqtt", "ssl", "mqtts").contains(scheme)) {
                throw new IllegalArgumentException("server URI '" + uri
                        + "' must use tcp://, mqtt://, ssl:// or mqtts://");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("server URI '" + uri + "' has no host");
            }
            serverUris.add(uri);
            return this;
        }

        /**
         * Replaces the server URIs.
         *
         * @param uris one or more URIs, see {@link #serverUri(String)}
         * @return this builder
         */
        public Builder serverUris(List<String> uris) {
            serverUris.clear();
            uris.forEach(this::serverUri);
            return this;
        }

        private static URI parseUri(String uri) {
            try {
                return new URI(uri.trim());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("server URI '" + uri + "' is not a URI: " + e.getReason(), e);
            }
        }

        /**
         * @param version the protocol version
         * @return this builder
         */
        public Builder protocolVersion(MqttVersion version) {
            this.protocolVersion = Objects.requireNonNull(version, "protocolVersion");
            return this;
        }

        /**
         * @param clientId the client identifier, up to 65535 UTF-8 bytes; "" lets the broker assign one
         * @return this builder
         */
        public Builder clientId(String clientId) {
            Objects.requireNonNull(clientId, "clientId");
            if (clientId.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException("client id must not contain U+0000");
            }
            this.clientId = clientId;
            return this;
        }

        /**
         * @param cleanStart true to start a new session (discarding any the broker holds)
         * @return this builder
         */
        public Builder cleanStart(boolean cleanStart) {
            this.cleanStart = cleanStart;
            return this;
        }

        /**
         * @param seconds MQTT 5 session expiry interval, 0 to 4294967295 (never expires)
         * @return this builder
         */
        public Builder sessionExpiryInterval(long seconds) {
            if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("session expiry interval must be 0..4294967295 s, was " + seconds);
            }
            this.sessionExpiryInterval = seconds;
            return this;
        }

        /**
         * @param seconds keep-alive, 0 (off) to 65535
         * @return this builder
         */
        public Builder keepAliveSeconds(int seconds) {
            if (seconds < 0 || seconds > 65_535) {
                throw new IllegalArgumentException("keep-alive must be 0..65535 s, was " + seconds);
            }
            this.keepAliveSeconds = seconds;
            return this;
        }

        /**
         * @param username the user name, or null for none
         * @return this builder
         */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /**
         * @param password the password, copied; null for none
         * @return this builder
         */
        public Builder password(byte[] password) {
            this.password = password == null ? null : password.clone();
            return this;
        }

        /**
         * @param password the password as text, encoded as UTF-8; null for none
         * @return this builder
         */
        public Builder password(String password) {
            this.password = password == null ? null : password.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return this;
        }

        /**
         * @param will the last-will, or null for none
         * @return this builder
         */
        public Builder will(Will will) {
            this.will = will;
            return this;
        }

        /**
         * @param window most unacknowledged QoS 1/2 publishes, 1 to 65535
         * @return this builder
         */
        public Builder inflightWindow(int window) {
            this.inflightWindow = inRange("in-flight window", window, 1, 65_535);
            return this;
        }

        /**
         * @param capacity receive queue capacity, 1 or more
         * @param policy what to do when it is full
         * @return this builder
         */
        public Builder receiveQueue(int capacity, OverflowPolicy policy) {
            this.receiveQueueCapacity = inRange("receive queue capacity", capacity, 1, Integer.MAX_VALUE);
            this.receiveOverflowPolicy = Objects.requireNonNull(policy, "receive overflow policy");
            return this;
        }

        /**
         * @param capacity offline buffer capacity, 0 (publishing while disconnected fails at once) or more
         * @param policy {@link OverflowPolicy#DROP_OLDEST} or {@link OverflowPolicy#DROP_NEWEST}
         * @return this builder
         */
        public Builder offlineBuffer(int capacity, OverflowPolicy policy) {
            if (policy == OverflowPolicy.BACK_PRESSURE) {
                throw new IllegalArgumentException(
                        "offline buffer overflow policy must be DROP_OLDEST or DROP_NEWEST, was BACK_PRESSURE");
            }
            this.offlineBufferCapacity = inRange("offline buffer capacity", capacity, 0, Integer.MAX_VALUE);
            this.offlineOverflowPolicy = Objects.requireNonNull(policy, "offline overflow policy");
            return this;
        }

        /**
         * @param policy the reconnect policy
         * @return this builder
         */
        public Builder reconnectPolicy(ReconnectPolicy policy) {
            this.reconnectPolicy = Objects.requireNonNull(policy, "reconnectPolicy");
            return this;
        }

        /**
         * @param bytes largest packet accepted from the broker, 16 to {@value #PROTOCOL_MAXIMUM_PACKET_SIZE}
         * @return this builder
         */
        public Builder maximumPacketSize(int bytes) {
            this.maximumPacketSize = inRange("maximum packet size", bytes, 16, PROTOCOL_MAXIMUM_PACKET_SIZE);
            return this;
        }

        /**
         * @param bytes largest payload published, 0 for no limit of our own
         * @return this builder
         */
        public Builder maximumPayloadSize(int bytes) {
            this.maximumPayloadSize = inRange("maximum payload size", bytes, 0, PROTOCOL_MAXIMUM_PACKET_SIZE);
            return this;
        }

        /**
         * @param receiveMaximum MQTT 5 receive maximum, 1 to 65535
         * @return this builder
         */
        public Builder receiveMaximum(int receiveMaximum) {
            this.receiveMaximum = inRange("receive maximum", receiveMaximum, 1, 65_535);
            return this;
        }

        /**
         * @param maximum MQTT 5 topic alias maximum accepted from the broker, 0 to 65535
         * @return this builder
         */
        public Builder topicAliasMaximum(int maximum) {
            this.topicAliasMaximum = inRange("topic alias maximum", maximum, 0, 65_535);
            return this;
        }

        /**
         * @param aliases MQTT 5 topic aliases the client may assign for its publishes, 0 to 65535
         * @return this builder
         */
        public Builder outboundTopicAliases(int aliases) {
            this.outboundTopicAliases = inRange("outbound topic aliases", aliases, 0, 65_535);
            return this;
        }

        /**
         * @param timeout limit for one connection attempt, positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connect timeout must be positive, was " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * @param request MQTT 5 request response information
         * @return this builder
         */
        public Builder requestResponseInformation(boolean request) {
            this.requestResponseInformation = request;
            return this;
        }

        /**
         * @param request MQTT 5 request problem information
         * @return this builder
         */
        public Builder requestProblemInformation(boolean request) {
            this.requestProblemInformation = request;
            return this;
        }

        /**
         * @param name user property name
         * @param value user property value
         * @return this builder, with an MQTT 5 CONNECT user property appended
         */
        public Builder connectUserProperty(String name, String value) {
            connectUserProperties.add(UserProperty.of(name, value));
            return this;
        }

        private static int inRange(String option, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(option + " must be " + min + ".." + max + ", was " + value);
            }
            return value;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException if no server URI was given, or if an MQTT 3.1.1 client with an empty client
         *     id asks to keep its session (the broker would refuse it, MQTT-3.1.3-7)
         */
        public ConnectOptions build() {
            if (serverUris.isEmpty()) {
                throw new IllegalArgumentException("at least one server URI is needed");
            }
            if (protocolVersion == MqttVersion.V3_1_1 && clientId.isEmpty() && !cleanStart) {
                throw new IllegalArgumentException(
                        "an empty client id needs clean start on MQTT 3.1.1 (MQTT-3.1.3-7): set a client id or clean start");
            }
            return new ConnectOptions(this);
        }
    }
}
