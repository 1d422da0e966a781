package io.edgemqtt.impl.codec;

import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CONNACK. Absent MQTT 5 properties hold the value the spec says applies when absent (receive maximum 65535, maximum
 * QoS 2, retain/wildcard/subscription identifier/shared subscription available true, topic alias maximum 0) or -1
 * where absence means "keep what the client asked for" (session expiry, server keep alive); maximum packet size 0
 * means no limit. Strings are null when absent.
 *
 * @param sessionPresent the server resumed a session
 * @param reasonCode the result (3.1.1 return codes map onto reason codes, see {@link ReasonCodes})
 * @param sessionExpirySeconds session expiry the server imposes, or -1
 * @param receiveMaximum how many QoS 1/2 publishes the server accepts in flight
 * @param maximumQos highest QoS the server supports
 * @param retainAvailable the server supports retained messages
 * @param maximumPacketSize largest packet the server accepts, 0 = no limit
 * @param assignedClientIdentifier the client id the server assigned, or null
 * @param topicAliasMaximum highest topic alias the server accepts, 0 = none
 * @param reasonString reason string or null
 * @param userProperties user properties
 * @param wildcardSubscriptionAvailable the server supports wildcard filters
 * @param subscriptionIdentifiersAvailable the server supports subscription identifiers
 * @param sharedSubscriptionAvailable the server supports shared subscriptions
 * @param serverKeepAliveSeconds keep alive the server imposes, or -1
 * @param responseInformation response information or null
 * @param serverReference another server to use, or null
 * @param authenticationMethod authentication method or null
 * @param authenticationData authentication data or null
 */
public record Connack(
        boolean sessionPresent,
        ReasonCode reasonCode,
        long sessionExpirySeconds,
        int receiveMaximum,
        Qos maximumQos,
        boolean retainAvailable,
        long maximumPacketSize,
        String assignedClientIdentifier,
        int topicAliasMaximum,
        String reasonString,
        List<UserProperty> userProperties,
        boolean wildcardSubscriptionAvailable,
        boolean subscriptionIdentifiersAvailable,
        boolean sharedSubscriptionAvailable,
        int serverKeepAliveSeconds,
        String responseInformation,
        String serverReference,
        String authenticationMethod,
        byte[] authenticationData)
        implements MqttPacket {

    public Connack {
        reasonCode = ReasonCodes.require(PacketType.CONNACK, Objects.requireNonNull(reasonCode, "reasonCode"));
        Values.fourBytesOrAbsent("session expiry interval", sessionExpirySeconds);
        if (receiveMaximum < 1 || receiveMaximum > 0xFFFF) {
            throw new IllegalArgumentException("receive maximum must be 1..65535, was " + receiveMaximum);
        }
        Objects.requireNonNull(maximumQos, "maximumQos");
        Values.fourBytes("maximum packet size", maximumPacketSize);
        Values.twoBytes("topic alias maximum", topicAliasMaximum);
        userProperties = Values.users(userProperties);
        if (serverKeepAliveSeconds != -1) {
            Values.twoBytes("server keep alive", serverKeepAliveSeconds);
        }
        authenticationData = Values.copy(authenticationData);
    }

    /**
     * @param reasonCode the result
     * @param sessionPresent the server resumed a session
     * @return a builder with every property absent
     */
    public static Builder builder(ReasonCode reasonCode, boolean sessionPresent) {
        return new Builder(reasonCode, sessionPresent);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }

    /** @return a copy of the authentication data, or null */
    @Override
    public byte[] authenticationData() {
        return Values.copy(authenticationData);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Connack that
                && sessionPresent == that.sessionPresent
                && reasonCode == that.reasonCode
                && sessionExpirySeconds == that.sessionExpirySeconds
                && receiveMaximum == that.receiveMaximum
                && maximumQos == that.maximumQos
                && retainAvailable == that.retainAvailable
                && maximumPacketSize == that.maximumPacketSize
                && Objects.equals(assignedClientIdentifier, that.assignedClientIdentifier)
                && topicAliasMaximum == that.topicAliasMaximum
                && Objects.equals(reasonString, that.reasonString)
                && userProperties.equals(that.userProperties)
                && wildcardSubscriptionAvailable == that.wildcardSubscriptionAvailable
                && subscriptionIdentifiersAvailable == that.subscriptionIdentifiersAvailable
                && sharedSubscriptionAvailable == that.sharedSubscriptionAvailable
                && serverKeepAliveSeconds == that.serverKeepAliveSeconds
                && Objects.equals(responseInformation, that.responseInformation)
                && Objects.equals(serverReference, that.serverReference)
                && Objects.equals(authenticationMethod, that.authenticationMethod)
                && Arrays.equals(authenticationData, that.authenticationData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionPresent, reasonCode, sessionExpirySeconds, receiveMaximum, maximumQos,
                assignedClientIdentifier, reasonString);
    }

    @Override
    public String toString() {
        return "Connack[" + reasonCode + (sessionPresent ? ", sessionPresent" : "")
                + (assignedClientIdentifier != null ? ", assignedClientId=" + assignedClientIdentifier : "")
                + (reasonString != null ? ", reason=" + reasonString : "") + "]";
    }

    /** Builds a {@link Connack}. Not thread-safe. */
    public static final class Builder {
        private final ReasonCode reasonCode;
        private final boolean sessionPresent;
        private long sessionExpirySeconds = -1;
        private int receiveMaximum = 0xFFFF;
        private Qos maximumQos = Qos.EXACTLY_ONCE;
        private boolean retainAvailable = true;
        private long maximumPacketSize;
        private String assignedClientIdentifier;
        private int topicAliasMaximum;
        private String reasonString;
        private final List<UserProperty> userProperties = new ArrayList<>(0);
        private boolean wildcardSubscriptionAvailable = true;
        private boolean subscriptionIdentifiersAvailable = true;
        private boolean sharedSubscriptionAvailable = true;
        private int serverKeepAliveSeconds = -1;
        private String responseInformation;
        private String serverReference;
        private String authenticationMethod;
        private byte[] authenticationData;

        private Builder(ReasonCode reasonCode, boolean sessionPresent) {
            this.reasonCode = reasonCode;
            this.sessionPresent = sessionPresent;
        }

        public Builder sessionExpiry(long seconds) {
            this.sessionExpirySeconds = seconds;
            return this;
        }

        public Builder receiveMaximum(int value) {
            this.receiveMaximum = value;
            return this;
        }

        public Builder maximumQos(Qos value) {
            this.maximumQos = value;
            return this;
        }

        public Builder retainAvailable(boolean value) {
            this.retainAvailable = value;
            return this;
        }

        public Builder maximumPacketSize(long value) {
            this.maximumPacketSize = value;
            return this;
        }

        public Builder assignedClientIdentifier(String value) {
            this.assignedClientIdentifier = value;
            return this;
        }

        public Builder topicAliasMaximum(int value) {
            this.topicAliasMaximum = value;
            return this;
        }

        public Builder reasonString(String value) {
            this.reasonString = value;
            return this;
        }

        public Builder userProperty(String name, String value) {
            userProperties.add(UserProperty.of(name, value));
            return this;
        }

        public Builder userProperties(List<UserProperty> values) {
            userProperties.clear();
            userProperties.addAll(values);
            return this;
        }

        public Builder wildcardSubscriptionAvailable(boolean value) {
            this.wildcardSubscriptionAvailable = value;
            return this;
        }

        public Builder subscriptionIdentifiersAvailable(boolean value) {
            this.subscriptionIdentifiersAvailable = value;
            return this;
        }

        public Builder sharedSubscriptionAvailable(boolean value) {
            this.sharedSubscriptionAvailable = value;
            return this;
        }

        public Builder serverKeepAlive(int seconds) {
            this.serverKeepAliveSeconds = seconds;
            return this;
        }

        public Builder responseInformation(String value) {
            this.responseInformation = value;
            return this;
        }

        public Builder serverReference(String value) {
            this.serverReference = value;
            return this;
        }

        public Builder authentication(String method, byte[] data) {
            this.authenticationMethod = method;
            this.authenticationData = data;
            return this;
        }

        public Connack build() {
            return new Connack(sessionPresent, reasonCode, sessionExpirySeconds, receiveMaximum, maximumQos,
                    retainAvailable, maximumPacketSize, assignedClientIdentifier, topicAliasMaximum, reasonString,
                    userProperties, wildcardSubscriptionAvailable, subscriptionIdentifiersAvailable,
                    sharedSubscriptionAvailable, serverKeepAliveSeconds, responseInformation, serverReference,
                    authenticationMethod, authenticationData);
        }
    }
}
