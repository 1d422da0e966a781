package io.edgemqtt.hal.gpio.internal.output;

import io.edgemqtt.api.MessageHandler;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.whiteboard.WhiteboardProperties;
import io.edgemqtt.hal.gpio.api.DigitalOutput;
import io.edgemqtt.hal.gpio.internal.Check;
import io.edgemqtt.hal.gpio.internal.Components;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.ServiceRegistrar;
import io.edgemqtt.hal.gpio.internal.TopicTemplate;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
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
 * Factory PID {@value #PID}: registers a whiteboard {@link MessageHandler} for the command topic (the engine
 * subscribes for it on the clients the client filter selects) and drives the allowed outputs. The client is optional
 * and dynamic: while the engine is being updated commands cannot arrive and states are not published, but the outputs
 * keep their levels; they go to the safe state only when this configuration stops.
 */
@Component(configurationPid = OutputControllerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = OutputControllerConfig.class, factory = true)
public final class OutputControllerComponent {
    static final String PID = "mqtt.gpio.output";
    private static final Logger LOG = System.getLogger(OutputControllerComponent.class.getName());

    private volatile MqttClient client;
    private final OutputController controller;
    private final ServiceRegistrar registrar;
    private final String pid;
    private final Map<String, Object> handlerProperties;
    private ServiceRegistrar.Registration registration;

    /**
     * @param config the configuration
     * @param properties the component properties
     * @param context the bundle context, to register the message handler
     */
    @Activate
    public OutputControllerComponent(OutputControllerConfig config, Map<String, Object> properties,
            BundleContext context) {
        this(config, Components.pid(properties, PID), ServiceRegistrar.of(context), Clock.systemUTC(), LOG);
    }

    OutputControllerComponent(OutputControllerConfig config, String pid, ServiceRegistrar registrar, Clock clock,
            Logger log) {
        this.registrar = registrar;
        this.pid = pid;
        OutputController created = null;
        Map<String, Object> handler = null;
        try {
            created = create(config, pid, () -> client, clock, log);
            handler = Map.of(WhiteboardProperties.TOPIC, created.subscriptionFilter(), WhiteboardProperties.QOS,
                    config.qos(), WhiteboardProperties.CLIENT, config.client_target() == null ? ""
                            : config.client_target());
        } catch (ConfigException e) {
            Components.logInvalid(log, pid, e);
            created = null;
        }
        controller = created;
        handlerProperties = handler;
    }

    static OutputController create(OutputControllerConfig config, String pid, Supplier<MqttClient> client, Clock clock,
            Logger log) throws ConfigException {
        Set<String> allowed = new LinkedHashSet<>();
        for (String id : Check.list(config.outputs())) {
            allowed.add(Check.id("outputs", id));
        }
        if (allowed.isEmpty()) {
            throw new ConfigException("outputs", "is required: list the hal.id of each output commands may drive");
        }
        OutputController.CommandTopic commandTopic = OutputController.CommandTopic.parse("command.topic",
                config.command_topic());
        TopicTemplate stateTopic = TopicTemplate.parse("state.topic", config.state_topic(), Set.of("id"));
        if (allowed.size() > 1 && !stateTopic.template().contains("{id}")) {
            throw new ConfigException("state.topic", "must contain {id} when there are several outputs");
        }
        Qos qos = Qos.of((int) Check.range("qos", config.qos(), 0, 2));
        Set<String> on = words("on.values", config.on_values());
        Set<String> off = words("off.values", config.off_values());
        for (String word : on) {
            if (off.contains(word)) {
                throw new ConfigException("off.values", "'" + word + "' is also an on word");
            }
        }
        OutputController.SafeState safe = OutputController.SafeState.valueOf(
                Check.oneOf("safe.state", config.safe_state(), "off", "on", "keep").toUpperCase(Locale.ROOT));
        return new OutputController(pid, allowed, commandTopic, stateTopic, qos, on, off, safe, client, clock, log);
    }

    private static Set<String> words(String property, String[] words) throws ConfigException {
        Set<String> set = new LinkedHashSet<>();
        for (String word : Check.list(words)) {
            set.add(word.toLowerCase(Locale.ROOT));
        }
        if (set.isEmpty()) {
            throw new ConfigException(property, "must list at least one word");
        }
        return set;
    }

    /** Subscribes, once DS has bound the outputs and the client (after the constructor). */
    @Activate
    void start() {
        if (controller == null) {
            return;
        }
        registration = registrar.register(new Class<?>[] {MessageHandler.class}, controller, handlerProperties);
        LOG.log(Level.INFO, "{0}: taking commands on {1}", pid, handlerProperties.get(WhiteboardProperties.TOPIC));
    }

    /** @param output an output the output filter matches */
    @Reference(name = "output", service = DigitalOutput.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeOutput")
    void addOutput(DigitalOutput output) {
        if (controller != null) {
            controller.outputAdded(output);
        }
    }

    /** @param output an output that went away */
    void removeOutput(DigitalOutput output) {
        if (controller != null) {
            controller.outputRemoved(output);
        }
    }

    /** @param added the client the client filter matches */
    @Reference(name = "client", service = MqttClient.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeClient")
    void addClient(MqttClient added) {
        client = added;
        if (controller != null) {
            controller.clientAdded();
        }
    }

    /** @param removed a client that went away */
    void removeClient(MqttClient removed) {
        if (client == removed) {
            client = null;
        }
    }

    /** Unsubscribes and drives the outputs to the safe state. */
    @Deactivate
    public void deactivate() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
        if (controller != null) {
            controller.driveToSafeState();
        }
    }

    /** @return the controller, for tests */
    OutputController controller() {
        return controller;
    }
}
