package io.edgemqtt.impl.osgi;

import io.edgemqtt.api.MessageHandler;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.client.DefaultMqttClient;
import io.edgemqtt.impl.delivery.HandlerBinding;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The subscription whiteboard: every {@link MessageHandler} service with {@code mqtt.subscription.*} properties is
 * subscribed on every matching {@link MqttClient} service while both are registered. A filter is unsubscribed when
 * the last handler that needs it on that client goes; the client itself restores subscriptions after reconnects.
 * Each handler only receives messages matching its own filters.
 */
@Component(service = {}, immediate = true)
public final class SubscriptionWhiteboard {
    private static final System.Logger LOG = System.getLogger(SubscriptionWhiteboard.class.getName());

    private final Map<MqttClient, Map<String, ?>> clients = new IdentityHashMap<>();
    private final Map<MessageHandler, HandlerRegistration> handlers = new IdentityHashMap<>();
    /** What is attached where: client -> handler -> its bindings (or subscriptions, on foreign clients). */
    private final Map<MqttClient, Map<MessageHandler, List<Object>>> attached = new IdentityHashMap<>();
    /** How many handlers need each filter on each client. */
    private final Map<MqttClient, Map<String, Integer>> filterUsers = new IdentityHashMap<>();

    @Reference(service = MqttClient.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindClient(MqttClient client, Map<String, Object> properties) {
        clients.put(client, properties);
        for (HandlerRegistration registration : handlers.values()) {
            attachIfWanted(client, properties, registration);
        }
    }

    synchronized void unbindClient(MqttClient client) {
        clients.remove(client);
        // The client is going away (closed or unregistered): only forget what we attached.
        attached.remove(client);
        filterUsers.remove(client);
    }

    @Reference(service = MessageHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + io.edgemqtt.api.whiteboard.WhiteboardProperties.TOPIC + "=*)")
    synchronized void bindHandler(MessageHandler handler, Map<String, Object> properties) {
        HandlerRegistration registration;
        try {
            registration = HandlerRegistration.of(handler, properties);
        } catch (InvalidConfigurationException | IllegalArgumentException e) {
            LOG.log(Level.ERROR, "MQTT whiteboard handler " + handler.getClass().getName() + " (service "
                    + properties.get("service.id") + ") is ignored: " + e.getMessage());
            return;
        }
        handlers.put(handler, registration);
        for (Map.Entry<MqttClient, Map<String, ?>> client : clients.entrySet()) {
            attachIfWanted(client.getKey(), client.getValue(), registration);
        }
    }

    synchronized void unbindHandler(MessageHandler handler) {
        HandlerRegistration registration = handlers.remove(handler);
        if (registration == null) {
            return;
        }
        for (MqttClient client : new ArrayList<>(attached.keySet())) {
            detach(client, registration);
        }
    }

    private void attachIfWanted(MqttClient client, Map<String, ?> clientProperties, HandlerRegistration registration) {
        if (!registration.wants(clientProperties)) {
            return;
        }
        List<Object> handles = new ArrayList<>();
        Map<String, Integer> users = filterUsers.computeIfAbsent(client, c -> new HashMap<>());
        for (Subscription subscription : registration.subscriptions) {
            users.merge(subscription.filter(), 1, Integer::sum);
            if (client instanceof DefaultMqttClient) {
                DefaultMqttClient.Attached attachment =
                        ((DefaultMqttClient) client).attach(subscription, registration.handler);
                handles.add(attachment.binding);
                attachment.subscribed.whenComplete((result, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.WARNING, "MQTT whiteboard: subscribing " + registration.description + " on "
                                + client.name() + " failed: " + failure.getMessage());
                    }
                });
            } else {
                client.subscribe(subscription, registration.handler);
                handles.add(subscription);
            }
        }
        attached.computeIfAbsent(client, c -> new IdentityHashMap<>()).put(registration.handler, handles);
    }

    private void detach(MqttClient client, HandlerRegistration registration) {
        Map<MessageHandler, List<Object>> byHandler = attached.get(client);
        List<Object> handles = byHandler == null ? null : byHandler.remove(registration.handler);
        if (handles == null) {
            return;
        }
        Map<String, Integer> users = filterUsers.get(client);
        for (Object handle : handles) {
            String filter = handle instanceof HandlerBinding ? ((HandlerBinding) handle).filter()
                    : ((Subscription) handle).filter();
            if (handle instanceof HandlerBinding) {
                ((DefaultMqttClient) client).detach((HandlerBinding) handle);
            }
            int left = users.merge(filter, -1, Integer::sum);
            if (left <= 0) {
                users.remove(filter);
                client.unsubscribe(filter); // nobody else needs it on this client
            }
        }
    }

    /** Forgets everything; the clients are closed by their own components. */
    @Deactivate
    synchronized void deactivate() {
        for (Map.Entry<MqttClient, Map<MessageHandler, List<Object>>> entry : attached.entrySet()) {
            if (entry.getKey() instanceof DefaultMqttClient) {
                for (List<Object> handles : entry.getValue().values()) {
                    for (Object handle : handles) {
                        if (handle instanceof HandlerBinding) {
                            ((DefaultMqttClient) entry.getKey()).detach((HandlerBinding) handle);
                        }
                    }
                }
            }
        }
        attached.clear();
        filterUsers.clear();
        handlers.clear();
        clients.clear();
    }
}
