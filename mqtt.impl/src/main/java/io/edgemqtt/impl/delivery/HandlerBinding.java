package io.edgemqtt.impl.delivery;

import io.edgemqtt.api.MessageHandler;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.impl.exec.SerialExecutor;
import io.edgemqtt.impl.topic.TopicMatcher;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;

/**
 * A message handler attached to one topic filter, with its own ordered queue on the shared callback threads: a slow
 * handler holds up only its own messages.
 */
public final class HandlerBinding {
    private static final System.Logger LOG = System.getLogger(HandlerBinding.class.getName());

    private final String filter;
    private final MessageHandler handler;
    private final SerialExecutor executor;

    /**
     * @param filter the subscribed filter (may be {@code $share/group/...})
     * @param handler the handler
     * @param pool the shared callback threads
     */
    public HandlerBinding(String filter, MessageHandler handler, Executor pool) {
        this.filter = filter;
        this.handler = handler;
        this.executor = new SerialExecutor(pool);
    }

    /** @return the filter as subscribed */
    public String filter() {
        return filter;
    }

    /** @return the handler */
    public MessageHandler handler() {
        return handler;
    }

    /**
     * @param topic a topic name
     * @return true if this handler's filter matches it
     */
    public boolean matches(String topic) {
        return TopicMatcher.matches(filter, topic);
    }

    /** @return messages queued for this handler and not yet handled */
    public int backlog() {
        return executor.backlog();
    }

    /**
     * Queues the message for the handler.
     *
     * @param message the message
     * @param afterHandled run on the callback thread after the handler returned (back-pressure bookkeeping)
     */
    public void deliver(MqttMessage message, Runnable afterHandled) {
        executor.execute(() -> {
            try {
                handler.onMessage(message);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.ERROR, "MQTT message handler " + handler.getClass().getName() + " failed on "
                        + message.topic(), e);
            } finally {
                afterHandled.run();
            }
        });
    }
}
