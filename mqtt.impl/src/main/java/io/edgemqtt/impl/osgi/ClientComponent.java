package io.edgemqtt.impl.osgi;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttClientBuilder;
import io.edgemqtt.api.spi.TransportSecurity;
import io.edgemqtt.impl.client.DefaultMqttClient;
import io.edgemqtt.impl.client.DefaultMqttClientFactory;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One MQTT client per factory configuration of PID {@code mqtt.client}, registered as an {@link MqttClient} service.
 *
 * <p>The component registers the service itself instead of declaring it: an invalid configuration then gives one log
 * line naming the property and registers nothing, and a client that needs TLS is registered only while its TLS profile
 * is there. A changed configuration makes DS re-create the component: the old client disconnects cleanly, the new one
 * connects with the new settings. A replaced TLS profile (new certificates) is handed to the running client, which
 * reconnects with it and keeps its session.
 */
@Component(configurationPid = ClientConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = ClientConfiguration.class, factory = true)
public final class ClientComponent {
    private static final System.Logger LOG = System.getLogger(ClientComponent.class.getName());

    private final BundleContext context;
    private final ClientSettings settings;
    private final TreeMap<ServiceReference<TransportSecurity>, TransportSecurity> profiles =
            new TreeMap<>(Comparator.reverseOrder()); // best ranked first
    private DefaultMqttClient client;
    private TransportSecurity security;
    private ServiceRegistration<MqttClient> registration;
    private boolean active = true;

    /**
     * @param context this bundle's context, to register the client service
     * @param properties the configuration
     */
    @Activate
    public ClientComponent(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        ClientSettings parsed = null;
        try {
            parsed = ClientSettings.parse(properties);
        } catch (InvalidConfigurationException e) {
            LOG.log(Level.ERROR, "MQTT client configuration " + properties.get(Constants.SERVICE_PID)
                    + " is not used: " + e.getMessage());
        }
        this.settings = parsed;
        synchronized (this) {
            if (settings != null && !settings.needsTls()) {
                start(null);
            } else if (settings != null) {
                chooseProfile();
            }
        }
    }

    /**
     * @param reference a TLS profile service
     * @param profile the profile
     */
    @Reference(service = TransportSecurity.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindProfile(ServiceReference<TransportSecurity> reference, TransportSecurity profile) {
        profiles.put(reference, profile);
        if (settings != null && settings.needsTls()) {
            chooseProfile();
        }
    }

    synchronized void unbindProfile(ServiceReference<TransportSecurity> reference) {
        profiles.remove(reference);
        if (settings != null && settings.needsTls()) {
            chooseProfile();
        }
    }

    private void chooseProfile() {
        if (!active) {
            return;
        }
        TransportSecurity chosen = profiles.entrySet().stream()
                .filter(entry -> settings.tlsProfile.equals(entry.getKey().getProperty(TransportSecurity.PROFILE_PROPERTY)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        if (chosen == security) {
            return;
        }
        if (chosen == null) {
            LOG.log(Level.WARNING, "MQTT client " + settings.name + " stops: its TLS profile '" + settings.tlsProfile
                    + "' is gone; it comes back with the profile");
            stop();
        } else if (client == null) {
            start(chosen);
        } else {
            LOG.log(Level.INFO, "MQTT client " + settings.name + ": TLS profile '" + settings.tlsProfile
                    + "' was replaced; reconnecting with the new material");
            security = chosen;
            client.replaceTransportSecurity(chosen);
        }
    }

    private void start(TransportSecurity profile) {
        MqttClientBuilder builder = new DefaultMqttClientFactory().newClient(settings.name, settings.options);
        if (profile != null) {
            builder.transportSecurity(profile);
        }
        if (settings.persistenceDirectory != null) {
            builder.persistenceDirectory(settings.persistenceDirectory);
        }
        try {
            client = (DefaultMqttClient) builder.build();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "MQTT client " + settings.name + " cannot start: " + e.getMessage());
            return;
        }
        security = profile;
        client.connect();
        registration = context.registerService(MqttClient.class, client, serviceProperties());
        LOG.log(Level.INFO, "MQTT client " + settings.name + " registered for " + settings.options.serverUris());
    }

    private Hashtable<String, Object> serviceProperties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MqttClient.NAME_PROPERTY, settings.name);
        properties.put(MqttClient.SERVER_URIS_PROPERTY,
                settings.options.serverUris().stream().map(Object::toString).toArray(String[]::new));
        properties.put(MqttClient.CLIENT_ID_PROPERTY, settings.options.clientId());
        properties.put(MqttClient.PROTOCOL_VERSION_PROPERTY,
                settings.options.protocolVersion() == io.edgemqtt.api.MqttVersion.V5 ? "5" : "3.1.1");
        if (!settings.tlsProfile.isEmpty()) {
            properties.put(TransportSecurity.PROFILE_PROPERTY, settings.tlsProfile);
        }
        return properties;
    }

    private void stop() {
        if (registration != null) {
            try {
                registration.unregister(); // first, so nobody picks up a closing client
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
        security = null;
    }

    /** Disconnects cleanly and unregisters. */
    @Deactivate
    synchronized void deactivate() {
        active = false;
        stop();
    }
}
