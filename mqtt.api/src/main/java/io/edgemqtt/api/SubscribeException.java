package io.edgemqtt.api;

/**
 * A subscribe in which the broker refused at least one subscription (SUBACK 0x80 on 3.1.1, a failure code on 5). The
 * message names each refused filter and its code; {@link #result()} has the whole answer.
 */
public class SubscribeException extends MqttException {
    private static final long serialVersionUID = 1L;

    private final transient SubscribeResult result;

    /**
     * @param result the broker's answer, with at least one failure
     * @param message which filters were refused and why
     */
    public SubscribeException(SubscribeResult result, String message) {
        super(firstFailure(result), message, result.reasonString().orElse(null), result.userProperties());
        this.result = result;
    }

    private static ReasonCode firstFailure(SubscribeResult result) {
        return result.reasonCodes().stream().filter(ReasonCode::isError).findFirst().orElse(ReasonCode.UNSPECIFIED_ERROR);
    }

    /** @return the broker's whole answer: granted and refused subscriptions */
    public SubscribeResult result() {
        return result;
    }
}
