package io.edgemqtt.impl.delivery;

import io.edgemqtt.api.MessageHandler;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.OverflowPolicy;
import io.edgemqtt.api.ReceiveListener;
import io.edgemqtt.impl.exec.SerialExecutor;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes received messages to the application: to every handler whose filter matches the topic, or, when none does,
 * to the receive queue with a notification. Applies the receive overflow policy to the queue and to each handler's
 * backlog; with {@link OverflowPolicy#BACK_PRESSURE} it asks the connection to stop reading instead of dropping.
 *
 * <p>Overlapping subscriptions: a broker may send one copy of a message per matching subscription (MQTT 5 section
 * 3.3.4). When the broker takes subscription identifiers, the client gives each handler's subscription one, and a
 * message goes to the handlers whose subscription identifier it carries (and whose filter matches, in case the
 * application chose the same identifier twice); a message that carries none is for subscriptions without one. So each
 * handler gets one copy per subscription of its own, never a copy meant for another subscription. Without
 * identifiers (MQTT 3.1.1, or a broker that does not take them) a message goes to every handler whose filter matches.
 *
 * <p>{@link #deliver(MqttMessage)} runs on the loop thread; everything the application sees runs on callback threads.
 */
public final class Delivery {
    private static final System.Logger LOG = System.getLogger(Delivery.class.getName());

    /** Told when reading should pause or may resume (back-pressure). Called from any thread. */
    public interface Pressure {
        /** Too much is waiting for the application. */
        void pause();

        /** The application caught up. */
        void resume();
    }

    private final MqttClient client;
    private final Executor pool;
    private final SerialExecutor notifications;
    private final ReceiveQueue queue;
    private final OverflowPolicy policy;
    private final int capacity;
    private final Pressure pressure;
    private final CopyOnWriteArrayList<HandlerBinding> bindings = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final Runnable afterHandled = this::checkResume;
    private volatile ReceiveListener receiveListener;
    /** Loop thread only: the subscription identifier the broker confirmed for each subscribed filter (absent: none). */
    private final Map<String, Integer> confirmedIdentifiers = new HashMap<>();
    /** Loop thread only: the identifier of a SUBSCRIBE sent and not yet acknowledged, by filter. */
    private final Map<String, Integer> pendingIdentifiers = new HashMap<>();
    private boolean routeByIdentifier;

    /**
     * @param client the client (passed to receive listeners)
     * @param pool shared callback threads
     * @param capacity receive queue capacity, also the most messages waiting per handler
     * @param policy receive overflow policy
     * @param pressure where back-pressure is signalled
     */
    public Delivery(MqttClient client, Executor pool, int capacity, OverflowPolicy policy, Pressure pressure) {
        this.client = client;
        this.pool = pool;
        this.notifications = new SerialExecutor(pool);
        this.queue = new ReceiveQueue(capacity, policy);
        this.policy = policy;
        this.capacity = capacity;
        this.pressure = pressure;
    }

    /**
     * @param filter the subscribed filter
     * @param handler its handler
     * @return the binding (to detach it later)
     */
    public HandlerBinding attach(String filter, MessageHandler handler) {
        HandlerBinding binding = new HandlerBinding(filter, handler, pool);
        bindings.add(binding);
        return binding;
    }

    /**
     * @param binding a binding from {@link #attach}
     */
    public void detach(HandlerBinding binding) {
        bindings.remove(binding);
    }

    /**
     * Detaches every handler of a filter.
     *
     * @param filter the filter
     */
    public void detachAll(String filter) {
        bindings.removeIf(binding -> binding.filter().equals(filter));
    }

    /** @return the attached handlers */
    public List<HandlerBinding> bindings() {
        return List.copyOf(bindings);
    }

    /**
     * Turns routing by subscription identifier on or off for the connection that was just accepted. Loop thread.
     *
     * @param on true if the broker takes subscription identifiers
     */
    public void routeBySubscriptionIdentifier(boolean on) {
        routeByIdentifier = on;
    }

    /**
     * A SUBSCRIBE for the filter is being sent with this identifier. Until its SUBACK, messages may come under the old
     * subscription or already under the new one (MQTT 5 section 3.8.4), so both identifiers are accepted. Loop thread.
     *
     * @param filter the filter as subscribed
     * @param identifier its new subscription identifier, 0 for none
     */
    public void subscribing(String filter, int identifier) {
        pendingIdentifiers.put(filter, identifier);
    }

    /**
     * The broker answered the SUBSCRIBE for the filter. Loop thread.
     *
     * @param filter the filter as subscribed
     * @param identifier the identifier it was sent with
     * @param granted true if the subscription was made (it replaces the old one), false if refused
     */
    public void subscribed(String filter, int identifier, boolean granted) {
        pendingIdentifiers.remove(filter);
        if (granted) {
            confirmedIdentifiers.put(filter, identifier);
        }
    }

    /**
     * The filter is being unsubscribed. Loop thread.
     *
     * @param filter the filter
     */
    public void unsubscribed(String filter) {
        pendingIdentifiers.remove(filter);
        confirmedIdentifiers.remove(filter);
    }

    private boolean isFor(HandlerBinding binding, MqttMessage message) {
        if (!binding.matches(message.topic())) {
            return false;
        }
        if (!routeByIdentifier) {
            return true;
        }
        int confirmed = confirmedIdentifiers.getOrDefault(binding.filter(), 0);
        Integer pending = pendingIdentifiers.get(binding.filter());
        List<Integer> carried = message.subscriptionIdentifiers();
        if (carried.isEmpty()) {
            return confirmed == 0 || pending != null && pending == 0;
        }
        return confirmed != 0 && carried.contains(confirmed) || pending != null && pending != 0
                && carried.contains(pending);
    }

    /**
     * Hands a received message to the application. Loop thread.
     *
     * @param message the message
     */
    public void deliver(MqttMessage message) {
        boolean matched = false;
        for (HandlerBinding binding : bindings) {
            if (isFor(binding, message)) {
                matched = true;
                if (binding.backlog() >= capacity && policy != OverflowPolicy.BACK_PRESSURE) {
                    dropped.incrementAndGet();
                    continue;
                }
                binding.deliver(message, afterHandled);
                if (policy == OverflowPolicy.BACK_PRESSURE && binding.backlog() >= capacity) {
                    pause();
                }
            }
        }
        if (!matched) {
            if (queue.offer(message)) {
                dropped.incrementAndGet();
            }
            if (policy == OverflowPolicy.BACK_PRESSURE && queue.isFull()) {
                pause();
            }
            ReceiveListener listener = receiveListener;
            if (listener != null) {
                notifications.execute(() -> notifyListener(listener));
            }
        }
    }

    private void notifyListener(ReceiveListener listener) {
        int depth = queue.size();
        if (depth == 0) {
            return; // already taken: a later notification covered it
        }
        try {
            listener.messagesAvailable(client, depth);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "MQTT receive listener failed", e);
        }
    }

    private void pause() {
        if (paused.compareAndSet(false, true)) {
            pressure.pause();
            // The handlers may have caught up between the backlog check and the flag: then nobody else would see
            // the flag set and reading would stay paused for good.
            checkResume();
        }
    }

    private void checkResume() {
        if (paused.get() && !queue.isFull() && bindings.stream().allMatch(b -> b.backlog() < capacity / 2 + 1)
                && paused.compareAndSet(true, false)) {
            pressure.resume();
        }
    }

    /** @return the oldest queued message, if any */
    public Optional<MqttMessage> poll() {
        Optional<MqttMessage> message = queue.poll();
        if (message.isPresent()) {
            checkResume();
        }
        return message;
    }

    /** @return messages in the receive queue */
    public int queueDepth() {
        return queue.size();
    }

    /** @return messages dropped by the overflow policy */
    public long dropped() {
        return dropped.get();
    }

    /**
     * @param listener the receive notification, or null
     */
    public void setReceiveListener(ReceiveListener listener) {
        this.receiveListener = listener;
    }

    /** Forgets handlers and queued messages (the client is closed). */
    public void clear() {
        bindings.clear();
        queue.clear();
    }
}
