package io.edgemqtt.impl.codec;

import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.UserProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * AUTH (MQTT 5 only): a step of enhanced authentication.
 *
 * @param reasonCode SUCCESS, CONTINUE_AUTHENTICATION or RE_AUTHENTICATE
 * @param authenticationMethod authentication method or null
 * @param authenticationData authentication data or null (copied in and out)
 * @param reasonString reason string or null
 * @param userProperties user properties
 */
public record Auth(
        ReasonCode reasonCode,
        String authenticationMethod,
        byte[] authenticationData,
        String reasonString,
        List<UserProperty> userProperties)
        implements MqttPacket {

    public Auth {
        reasonCode = ReasonCodes.require(PacketType.AUTH, Objects.requireNonNull(reasonCode, "reasonCode"));
        authenticationData = Values.copy(authenticationData);
        userProperties = Values.users(userProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }

    /** @return a copy of the authentication data, or null */
    @Override
    public byte[] authenticationData() {
        return Values.copy(authenticationData);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Auth that
                && reasonCode == that.reasonCode
                && Objects.equals(authenticationMethod, that.authenticationMethod)
                && Arrays.equals(authenticationData, that.authenticationData)
                && Objects.equals(reasonString, that.reasonString)
                && userProperties.equals(that.userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reasonCode, authenticationMethod, reasonString) * 31 + Arrays.hashCode(authenticationData);
    }

    @Override
    public String toString() {
        return "Auth[" + reasonCode + ", method=" + authenticationMethod
                + (authenticationData != null ? ", data=" + authenticationData.length + " bytes" : "") + "]";
    }
}
