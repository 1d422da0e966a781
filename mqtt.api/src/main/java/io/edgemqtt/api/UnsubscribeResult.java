package io.edgemqtt.api;

import java.util.List;
import java.util.Optional;

/**
 * The broker's answer to an unsubscribe (UNSUBACK). MQTT 5 gives one reason code per filter ({@link
 * ReasonCode#SUCCESS}, {@link ReasonCode#NO_SUBSCRIPTION_EXISTED} or a failure); MQTT 3.1.1 gives none, and every code
 * here is then {@link ReasonCode#SUCCESS}. Immutable.
 */
public final class UnsubscribeResult {
    private final List<String> filters;
    private final List<ReasonCode> reasonCodes;
    private final String reasonString;
    private final List<UserProperty> userProperties;

    private UnsubscribeResult(List<String> filters, List<ReasonCode> codes, String reasonString, List<UserProperty> p) {
        if (filters.size() != codes.size()) {
            throw new IllegalArgumentException(filters.size() + " filters but " + codes.size() + " reason codes");
        }
        this.filters = List.copyOf(filters);
        this.reasonCodes = List.copyOf(codes);
        this.reasonString = reasonString;
        this.userProperties = List.copyOf(p);
    }

    /**
     * For the client implementation.
     *
     * @param filters the filters unsubscribed
     * @param reasonCodes one code per filter
     * @param reasonString MQTT 5 reason string, or null
     * @param userProperties MQTT 5 user properties
     * @return the result
     */
    public static UnsubscribeResult of(
            List<String> filters, List<ReasonCode> reasonCodes, String reasonString, List<UserProperty> userProperties) {
        return new UnsubscribeResult(filters, reasonCodes, reasonString, userProperties);
    }

    /** @return the filters, in order */
    public List<String> filters() {
        return filters;
    }

    /** @return one reason code per filter */
    public List<ReasonCode> reasonCodes() {
        return reasonCodes;
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
        return "UnsubscribeResult[" + filters + " " + reasonCodes + "]";
    }
}
