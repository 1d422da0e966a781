package io.edgemqtt.impl.osgi;

import io.edgemqtt.api.MessageHandler;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.RetainHandling;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.whiteboard.WhiteboardProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/** A whiteboard {@link MessageHandler} service with its subscription properties, read once when it arrives. */
final class HandlerRegistration {
    final MessageHandler handler;
    final List<Subscription> subscriptions;
    final Filter clientFilter;
    final String description;

    private HandlerRegistration(MessageHandler handler, List<Subscription> subscriptions, Filter clientFilter,
            String description) {
        this.handler = handler;
        this.subscriptions = subscriptions;
        this.clientFilter = clientFilter;
        this.description = description;
    }

    /**
     * @param handler the service
     * @param properties its service properties
     * @return the registration
     * @throws InvalidConfigurationException naming the property that cannot be used
     */
    static HandlerRegistration of(MessageHandler handler, Map<String, ?> properties)
            throws InvalidConfigurationException {
        ConfigValues values = new ConfigValues(properties);
        List<String> topics = values.strings(WhiteboardProperties.TOPIC, List.of());
        if (topics.isEmpty()) {
            throw new InvalidConfigurationException(WhiteboardProperties.TOPIC, "missing: no topic filter to subscribe");
        }
        Qos qos = Qos.of(values.integer(WhiteboardProperties.QOS, 1, 0, 2));
        boolean noLocal = values.bool(WhiteboardProperties.NO_LOCAL, false);
        boolean retainAsPublished = values.bool(WhiteboardProperties.RETAIN_AS_PUBLISHED, false);
        RetainHandling retainHandling = RetainHandling.of(values.integer(WhiteboardProperties.RETAIN_HANDLING, 0, 0, 2));
        List<Subscription> subscriptions = new ArrayList<>();
        for (String topic : topics) {
            subscriptions.add(Subscription.builder(topic).qos(qos).noLocal(noLocal)
                    .retainAsPublished(retainAsPublished).retainHandling(retainHandling).build());
        }
        String clientFilterText = values.string(WhiteboardProperties.CLIENT, "");
        Filter filter = null;
        if (!clientFilterText.isEmpty()) {
            try {
                filter = FrameworkUtil.createFilter(clientFilterText);
            } catch (InvalidSyntaxException e) {
                throw new InvalidConfigurationException(WhiteboardProperties.CLIENT, "'" + clientFilterText
                        + "' is not an LDAP filter: " + e.getMessage());
            }
        }
        return new HandlerRegistration(handler, subscriptions, filter,
                handler.getClass().getName() + " " + topics);
    }

    boolean wants(Map<String, ?> clientProperties) {
        return clientFilter == null || clientFilter.matches(clientProperties);
    }
}
