package io.edgemqtt.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The NetX-style receive notification: told that messages are waiting in a client's receive queue, with how many. The
 * listener is expected to wake an application thread that takes them with {@link MqttClient#poll()}.
 *
 * <p>Called on a client callback thread, never on the I/O thread; consecutive arrivals may be reported by one call.
 */
@ConsumerType
@FunctionalInterface
public interface ReceiveListener {
    /**
     * @param client the client whose queue has messages
     * @param queueDepth how many messages are waiting now
     */
    void messagesAvailable(MqttClient client, int queueDepth);
}
