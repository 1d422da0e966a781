package io.edgemqtt.api;

import java.util.List;
import java.util.Optional;

/**
 * The broker's answer to a subscribe (SUBACK): one reason code per subscription, in the order given. Immutable.
 *
 * <p>When every code grants a QoS the subscribe completes normally with this result; when any is a failure it completes
 * exceptionally with {@link SubscribeException}, which carries this result too (the other subscriptions of the same
 * request may have been granted).
 */
public final class SubscribeResult {
    private final List<Subscription> subscriptions;
    private final List<ReasonCode> reasonCodes;
    private final String reasonString;
    private final List<UserProperty> userProperties;

    private SubscribeResult(
            List<Subscription> subscriptions, List<ReasonCode> codes, String reasonString, List<UserProperty> props) {
        if (subscriptions.size() != codes.size()) {
            throw new IllegalArgumentException(
                    subscriptions.size() + " subscriptions but " + codes.size() + " reason codes");
        }
        this.subscriptions = List.copyOf(subscriptions);
        this.reasonCodes = List.copyOf(codes);
        this.reasonString = reasonString;
        this.userProperties = List.copyOf(props);
    }

    /**
     * For the client implementation.
     *
     * @param subscriptions what was requested
     * @param reasonCodes one code per subscription
     * @param reasonString MQTT 5 reason string, or null
     * @param userProperties MQTT 5 user properties
     * @return the result
     */
    public static SubscribeResult of(
            List<Subscription> subscriptions,
            List<ReasonCode> reasonCodes,
            String reasonString,
            List<UserProperty> userProperties) {
        return new SubscribeResult(subscriptions, reasonCodes, reasonString, userProperties);
    }

    /** @return the subscriptions requested, in order */
    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** @return one reason code per subscription: GRANTED_QOS_n or a failure */
    public List<ReasonCode> reasonCodes() {
        return reasonCodes;
    }

    /**
     * @param index the subscription's position
     * @return the QoS granted to it, or empty if it was refused
     */
    public Optional<Qos> grantedQos(int index) {
        ReasonCode code = reasonCodes.get(index);
        return code.isError() ? Optional.empty() : Optional.of(Qos.of(code.value()));
    }

    /** @return true if any subscription was refused */
    public boolean hasFailures() {
        return reasonCodes.stream().anyMatch(ReasonCode::isError);
    }

    /** @return the broker's MQTT 5 reason string, if any */
    public Optional<String> reasonString() {
        return Optional.ofNullable(reasonString);
    }

    /** @return the broker's MQTT 5 user properties */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SubscribeResult[");
        for (int i = 0; i < subscriptions.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(subscriptions.get(i).filter()).append('=').append(reasonCodes.get(i));
        }
        return text.append(']').toString();
    }
}
