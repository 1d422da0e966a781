package io.edgemqtt.impl.codec;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.UserProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CONNECT. Optional values are null when absent; numeric properties hold the value that means "not sent"
 * (receive maximum 65535, maximum packet size 0 = no limit, topic alias maximum 0, session expiry 0), so a decoded
 * packet equals one built with the same meaning. Binary fields are copied in and out.
 *
 * @param version protocol version, written as the protocol level
 * @param clientId client identifier, may be empty
 * @param cleanStart clean start (3.1.1: clean session)
 * @param keepAliveSeconds keep alive, 0..65535
 * @param username user name or null
 * @param password password or null
 * @param will will message (topic, payload, QoS, retain and its MQTT 5 properties) or null
 * @param willDelaySeconds MQTT 5 will delay interval, 0 = not sent
 * @param sessionExpirySeconds MQTT 5 session expiry interval, 0 = not sent
 * @param receiveMaximum MQTT 5 receive maximum, 1..65535, 65535 = not sent
 * @param maximumPacketSize MQTT 5 maximum packet size, 0 = not sent (no limit)
 * @param topicAliasMaximum MQTT 5 topic alias maximum, 0 = not sent
 * @param requestResponseInformation MQTT 5 request response information, false = not sent
 * @param requestProblemInformation MQTT 5 request problem information, true = not sent
 * @param userProperties MQTT 5 user properties
 * @param authenticationMethod MQTT 5 authentication method or null
 * @param authenticationData MQTT 5 authentication data or null
 */
public record Connect(
        MqttVersion version,
        String clientId,
        boolean cleanStart,
        int keepAliveSeconds,
        String username,
        byte[] password,
        MqttMessage will,
        long willDelaySeconds,
        long sessionExpirySeconds,
        int receiveMaximum,
        long maximumPacketSize,
        int topicAliasMaximum,
        boolean requestResponseInformation,
        boolean requestProblemInformation,
        List<UserProperty> userProperties,
        String authenticationMethod,
        byte[] authenticationData)
        implements MqttPacket {

    public Connect {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clientId, "clientId");
        Values.twoBytes("keep alive", keepAliveSeconds);
        password = Values.copy(password);
        Values.fourBytes("will delay interval", willDelaySeconds);
        Values.fourBytes("session expiry interval", sessionExpirySeconds);
        if (receiveMaximum < 1 || receiveMaximum > 0xFFFF) {
            throw new IllegalArgumentException("receive maximum must be 1..65535, was " + receiveMaximum);
        }
        Values.fourBytes("maximum packet size", maximumPacketSize);
        Values.twoBytes("topic alias maximum", topicAliasMaximum);
        userProperties = Values.users(userProperties);
        authenticationData = Values.copy(authenticationData);
    }

    /**
     * @param version protocol version
     * @param clientId client identifier
     * @return a builder with clean start, keep alive 60 s and every MQTT 5 property at its default
     */
    public static Builder builder(MqttVersion version, String clientId) {
        return new Builder(version, clientId);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    /** @return a copy of the password, or null */
    @Override
    public byte[] password() {
        return Values.copy(password);
    }

    /** @return a copy of the authentication data, or null */
    @Override
    public byte[] authenticationData() {
        return Values.copy(authenticationData);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Connect that
                && version == that.version
                && clientId.equals(that.clientId)
                && cleanStart == that.cleanStart
                && keepAliveSeconds == that.keepAliveSeconds
                && Objects.equals(username, that.username)
                && Arrays.equals(password, that.password)
                && Objects.equals(will, that.will)
                && willDelaySeconds == that.willDelaySeconds
                && sessionExpirySeconds == that.sessionExpirySeconds
                && receiveMaximum == that.receiveMaximum
                && maximumPacketSize == that.maximumPacketSize
                && topicAliasMaximum == that.topicAliasMaximum
                && requestResponseInformation == that.requestResponseInformation
                && requestProblemInformation == that.requestProblemInformation
                && userProperties.equals(that.userProperties)
                && Objects.equals(authenticationMethod, that.authenticationMethod)
                && Arrays.equals(authenticationData, that.authenticationData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, clientId, cleanStart, keepAliveSeconds, username, will, sessionExpirySeconds);
    }

    /** Never shows the password or authentication data. */
    @Override
    public String toString() {
        return "Connect[" + version + ", clientId=" + clientId + (cleanStart ? ", cleanStart" : "")
                + ", keepAlive=" + keepAliveSeconds + (username != null ? ", username=" + username : "")
                + (password != null ? ", password=***" : "") + (will != null ? ", will=" + will : "")
                + ", sessionExpiry=" + sessionExpirySeconds + "]";
    }

    /** Builds a {@link Connect}. Not thread-safe. */
    public static final class Builder {
        private final MqttVersion version;
        private final String clientId;
        private boolean cleanStart = true;
        private int keepAliveSeconds = 60;
        private String username;
        private byte[] password;
        private MqttMessage will;
        private long willDelaySeconds;
        private long sessionExpirySeconds;
        private int receiveMaximum = 0xFFFF;
        private long maximumPacketSize;
        private int topicAliasMaximum;
        private boolean requestResponseInformation;
        private boolean requestProblemInformation = true;
        private final List<UserProperty> userProperties = new ArrayList<>(0);
        private String authenticationMethod;
        private byte[] authenticationData;

        private Builder(MqttVersion version, String clientId) {
            this.version = version;
            this.clientId = clientId;
        }

        public Builder cleanStart(boolean value) {
            this.cleanStart = value;
            return this;
        }

        public Builder keepAlive(int seconds) {
            this.keepAliveSeconds = seconds;
            return this;
        }

        public Builder username(String value) {
            this.username = value;
            return this;
        }

        public Builder password(byte[] value) {
            this.password = value;
            return this;
        }

        public Builder will(MqttMessage message, long delaySeconds) {
            this.will = message;
            this.willDelaySeconds = delaySeconds;
            return this;
        }

        public Builder sessionExpiry(long seconds) {
            this.sessionExpirySeconds = seconds;
            return this;
        }

        public Builder receiveMaximum(int value) {
            this.receiveMaximum = value;
            return this;
        }

        public Builder maximumPacketSize(long value) {
            this.maximumPacketSize = value;
            return this;
        }

        public Builder topicAliasMaximum(int value) {
            this.topicAliasMaximum = value;
            return this;
        }

        public Builder requestResponseInformation(boolean value) {
            this.requestResponseInformation = value;
            return this;
        }

        public Builder requestProblemInformation(boolean value) {
            this.requestProblemInformation = value;
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

        public Builder authentication(String method, byte[] data) {
            this.authenticationMethod = method;
            this.authenticationData = data;
            return this;
        }

        public Connect build() {
            return new Connect(version, clientId, cleanStart, keepAliveSeconds, username, password, will,
                    willDelaySeconds, sessionExpirySeconds, receiveMaximum, maximumPacketSize, topicAliasMaximum,
                    requestResponseInformation, requestProblemInformation, userProperties, authenticationMethod,
                    authenticationData);
        }
    }
}
