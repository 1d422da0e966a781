package io.edgemqtt.broker;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The embedded broker of configuration {@code mqtt.broker}: started when the configuration is there and enabled,
 * stopped (with every thread it created) when it is deleted, disabled, changed (then started again with the new
 * values) or when this bundle stops. Without a configuration the bundle does nothing. It registers no service:
 * clients reach it over TCP like any other broker, so nothing depends on this bundle.
 */
@Component(configurationPid = EmbeddedBrokerConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = EmbeddedBrokerConfiguration.class)
public final class BrokerComponent {
    private static final System.Logger LOG = System.getLogger(BrokerComponent.class.getName());

    private final QuietLibraryLogging logging = new QuietLibraryLogging();
    private final String where;
    private EmbeddedBroker broker;

    /**
     * Checks the configuration and starts the broker; a problem gives one log line and no broker.
     *
     * @param properties the configuration
     */
    @Activate
    public BrokerComponent(Map<String, Object> properties) {
        BrokerSettings settings;
        try {
            settings = BrokerSettings.parse(properties);
        } catch (InvalidConfigurationException e) {
            LOG.log(Level.ERROR, "MQTT broker configuration " + properties.get(Constants.SERVICE_PID)
                    + " is not used: " + e.getMessage());
            where = null;
            return;
        }
        String host = settings.bindAddress.getHostAddress();
        if (!settings.enabled) {
            LOG.log(Level.INFO, "MQTT broker is off (enabled=false in configuration " + EmbeddedBrokerConfiguration.PID
                    + ")");
            where = null;
            return;
        }
        logging.quiet();
        try {
            broker = EmbeddedBroker.start(settings, "mqtt.broker");
        } catch (EmbeddedBroker.StartException e) {
            logging.restore();
            LOG.log(Level.ERROR, "MQTT broker cannot listen on " + host + ":" + settings.port + ": " + e.getMessage());
            where = null;
            return;
        }
        where = host + ":" + broker.port();
        if (broker.fellBack()) {
            LOG.log(Level.WARNING, "MQTT broker: port " + settings.port + " on " + host + " is taken; listening on "
                    + where + " instead (clients configured for port " + settings.port
                    + " reach whatever holds that port, not this broker)");
        }
        LOG.log(Level.INFO, "MQTT broker (MQTT 3.1.1) listening on " + where + "; "
                + settings.persistenceDirectory.map(dir -> "sessions and messages kept in " + dir)
                        .orElse("in memory only")
                + "; " + (settings.allowAnonymous ? "anonymous clients allowed" : "clients must log in"));
        if (settings.allowAnonymous && !settings.bindAddress.isLoopbackAddress()) {
            LOG.log(Level.WARNING, "MQTT broker on " + where + " accepts anonymous clients from the network "
                    + "(set allowAnonymous=false, username and .password to require a login)");
        }
    }

    /** Stops the broker and waits for its threads. */
    @Deactivate
    void deactivate() {
        if (broker == null) {
            return;
        }
        List<String> left = broker.stop();
        broker = null;
        logging.restore();
        if (left.isEmpty()) {
            LOG.log(Level.INFO, "MQTT broker on " + where + " stopped");
        } else {
            LOG.log(Level.WARNING, "MQTT broker on " + where + " stopped, but these of its threads did not end: "
                    + left);
        }
    }
}
