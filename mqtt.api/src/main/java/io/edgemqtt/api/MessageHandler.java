package io.edgemqtt.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the messages of a subscription: passed to {@link MqttClient#subscribe(Subscription, MessageHandler)}, or
 * registered as an OSGi service with the {@link io.edgemqtt.api.whiteboard.MqttSubscription} properties (the
 * whiteboard).
 *
 * <p>Each handler gets the messages whose topic matches its filter, one at a time and in the order they arrived, on a
 * client callback thread (never the I/O thread). A slow handler delays only its own messages: other handlers and the
 * keep-alive go on. An exception thrown by a handler is logged and does not stop later deliveries; the message is
 * still acknowledged (the client acknowledges QoS 1 and 2 messages once they are handed to the application).
 */
@ConsumerType
@FunctionalInterface
public interface MessageHandler {
    /**
     * @param message the message received
     */
    void onMessage(MqttMessage message);
}
