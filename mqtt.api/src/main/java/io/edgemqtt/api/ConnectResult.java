package io.edgemqtt.api;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the broker said when it accepted a connection (CONNACK), and what the client settled on from it. Immutable.
 *
 * <p>On MQTT 3.1.1 only {@link #isSessionPresent()} comes from the broker; the limits report "no limit" and the
 * features "available".
 */
public final class ConnectResult {
    private final URI serverUri;
    private final boolean sessionPresent;
    private final String clientIdentifier;
    private final boolean clientIdentifierAssigned;
    private final int keepAliveSeconds;
    private final long sessionExpiryInterval;
    private final int receiveMaximum;
    private final Qos maximumQos;
    private final boolean retainAvailable;
    private final long maximumPacketSize;
    private final int topicAliasMaximum;
    private final boolean wildcardSubscriptionAvailable;
    private final boolean subscriptionIdentifiersAvailable;
    private final boolean sharedSubscriptionAvailable;
    private final String responseInformation;
    private final String serverReference;
    private final String reasonString;
    private final List<UserProperty> userProperties;

    private ConnectResult(Builder b) {
        this.serverUri = Objects.requireNonNull(b.serverUri, "serverUri");
        this.sessionPresent = b.sessionPresent;
        this.clientIdentifier = Objects.requireNonNull(b.clientIdentifier, "clientIdentifier");
        this.clientIdentifierAssigned = b.clientIdentifierAssigned;
        this.keepAliveSeconds = b.keepAliveSeconds;
        this.sessionExpiryInterval = b.sessionExpiryInterval;
        this.receiveMaximum = b.receiveMaximum;
        this.maximumQos = b.maximumQos;
        this.retainAvailable = b.retainAvailable;
        this.maximumPacketSize = b.maximumPacketSize;
        this.topicAliasMaximum = b.topicAliasMaximum;
        this.wildcardSubscriptionAvailable = b.wildcardSubscriptionAvailable;
        this.subscriptionIdentifiersAvailable = b.subscriptionIdentifiersAvailable;
        this.sharedSubscriptionAvailable = b.sharedSubscriptionAvailable;
        this.responseInformation = b.responseInformation;
        this.serverReference = b.serverReference;
        this.reasonString = b.reasonString;
        this.userProperties = List.copyOf(b.userProperties);
    }

    /**
     * For the client implementation.
     *
     * @param serverUri the server connected to
     * @param clientIdentifier the client identifier in use
     * @return a builder with 3.1.1 defaults (no limits, every feature available)
     */
    public static Builder builder(URI serverUri, String clientIdentifier) {
        Builder b = new Builder();
        b.serverUri = serverUri;
        b.clientIdentifier = clientIdentifier;
        return b;
    }

    /** @return the server URI this connection went to */
    public URI serverUri() {
        return serverUri;
    }

    /** @return true if the broker resumed a session it held for this client id */
    public boolean isSessionPresent() {
        return sessionPresent;
    }

    /** @return the client identifier in use: the configured one, or the one the broker assigned */
    public String clientIdentifier() {
        return clientIdentifier;
    }

    /** @return true if the broker assigned {@link #clientIdentifier()} (MQTT 5 assigned client identifier) */
    public boolean isClientIdentifierAssigned() {
        return clientIdentifierAssigned;
    }

    /** @return the keep-alive in force: the configured one, or the broker's MQTT 5 server keep-alive */
    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    /** @return the session expiry interval in force (MQTT 5: the broker may change ours) */
    public long sessionExpiryInterval() {
        return sessionExpiryInterval;
    }

    /** @return the broker's receive maximum: most unacknowledged QoS 1/2 publishes it takes (65535 if none given) */
    public int receiveMaximum() {
        return receiveMaximum;
    }

    /** @return the highest QoS the broker supports */
    public Qos maximumQos() {
        return maximumQos;
    }

    /** @return whether the broker supports retained messages */
    public boolean isRetainAvailable() {
        return retainAvailable;
    }

    /** @return the largest packet the broker accepts, if it said */
    public OptionalLong maximumPacketSize() {
        return maximumPacketSize <= 0 ? OptionalLong.empty() : OptionalLong.of(maximumPacketSize);
    }

    /** @return the most topic aliases the broker accepts from us (0: none) */
    public int topicAliasMaximum() {
        return topicAliasMaximum;
    }

    /** @return whether the broker supports wildcard subscriptions */
    public boolean isWildcardSubscriptionAvailable() {
        return wildcardSubscriptionAvailable;
    }

    /** @return whether the broker supports subscription identifiers */
    public boolean isSubscriptionIdentifiersAvailable() {
        return subscriptionIdentifiersAvailable;
    }

    /** @return whether the broker supports shared subscriptions */
    public boolean isSharedSubscriptionAvailable() {
        return sharedSubscriptionAvailable;
    }

    /** @return MQTT 5 response information (a topic prefix for responses), if the broker sent one */
    public Optional<String> responseInformation() {
        return Optional.ofNullable(responseInformation);
    }

    /** @return MQTT 5 server reference (another server to use), if the broker sent one */
    public Optional<String> serverReference() {
        return Optional.ofNullable(serverReference);
    }

    /** @return MQTT 5 reason string, if the broker sent one */
    public Optional<String> reasonString() {
        return Optional.ofNullable(reasonString);
    }

    /** @return MQTT 5 user properties of the CONNACK */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /** @return the in-flight window implied by the broker's receive maximum, if lower than 65535 */
    public OptionalInt brokerReceiveMaximum() {
        return receiveMaximum >= 65_535 ? OptionalInt.empty() : OptionalInt.of(receiveMaximum);
    }

    @Override
    public String toString() {
        return "ConnectResult[" + serverUri + ", clientId=" + clientIdentifier + ", sessionPresent=" + sessionPresent
                + ", keepAlive=" + keepAliveSeconds + ", receiveMaximum=" + receiveMaximum + ", maximumQos="
                + maximumQos.value() + "]";
    }

    /** Builds a {@link ConnectResult}; used by the client implementation. */
    public static final class Builder {
        private URI serverUri;
        private boolean sessionPresent;
        private String clientIdentifier;
        private boolean clientIdentifierAssigned;
        private int keepAliveSeconds;
        private long sessionExpiryInterval;
        private int receiveMaximum = 65_535;
        private Qos maximumQos = Qos.EXACTLY_ONCE;
        private boolean retainAvailable = true;
        private long maximumPacketSize;
        private int topicAliasMaximum;
        private boolean wildcardSubscriptionAvailable = true;
        private boolean subscriptionIdentifiersAvailable = true;
        private boolean sharedSubscriptionAvailable = true;
        private String responseInformation;
        private String serverReference;
        private String reasonString;
        private List<UserProperty> userProperties = List.of();

        private Builder() {}

        /**
         * @param v session present
         * @return this builder
         */
        public Builder sessionPresent(boolean v) { sessionPresent = v; return this; }
        /**
         * @param id the client identifier the broker assigned
         * @return this builder
         */
        public Builder assignedClientIdentifier(String id) { clientIdentifier = id; clientIdentifierAssigned = true; return this; }
        /**
         * @param v keep-alive in force
         * @return this builder
         */
        public Builder keepAliveSeconds(int v) { keepAliveSeconds = v; return this; }
        /**
         * @param v session expiry in force
         * @return this builder
         */
        public Builder sessionExpiryInterval(long v) { sessionExpiryInterval = v; return this; }
        /**
         * @param v broker receive maximum
         * @return this builder
         */
        public Builder receiveMaximum(int v) { receiveMaximum = v; return this; }
        /**
         * @param v broker maximum QoS
         * @return this builder
         */
        public Builder maximumQos(Qos v) { maximumQos = v; return this; }
        /**
         * @param v retain available
         * @return this builder
         */
        public Builder retainAvailable(boolean v) { retainAvailable = v; return this; }
        /**
         * @param v broker maximum packet size, 0 if none
         * @return this builder
         */
        public Builder maximumPacketSize(long v) { maximumPacketSize = v; return this; }
        /**
         * @param v broker topic alias maximum
         * @return this builder
         */
        public Builder topicAliasMaximum(int v) { topicAliasMaximum = v; return this; }
        /**
         * @param v wildcard subscriptions available
         * @return this builder
         */
        public Builder wildcardSubscriptionAvailable(boolean v) { wildcardSubscriptionAvailable = v; return this; }
        /**
         * @param v subscription identifiers available
         * @return this builder
         */
        public Builder subscriptionIdentifiersAvailable(boolean v) { subscriptionIdentifiersAvailable = v; return this; }
        /**
         * @param v shared subscriptions available
         * @return this builder
         */
        public Builder sharedSubscriptionAvailable(boolean v) { sharedSubscriptionAvailable = v; return this; }
        /**
         * @param v response information
         * @return this builder
         */
        public Builder responseInformation(String v) { responseInformation = v; return this; }
        /**
         * @param v server reference
         * @return this builder
         */
        public Builder serverReference(String v) { serverReference = v; return this; }
        /**
         * @param v reason string
         * @return this builder
         */
        public Builder reasonString(String v) { reasonString = v; return this; }
        /**
         * @param v user properties
         * @return this builder
         */
        public Builder userProperties(List<UserProperty> v) { userProperties = v; return this; }

        /** @return the result */
        public ConnectResult build() {
            return new ConnectResult(this);
        }
    }
}
