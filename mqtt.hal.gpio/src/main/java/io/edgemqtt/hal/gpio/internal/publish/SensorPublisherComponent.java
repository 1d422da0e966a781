package io.edgemqtt.hal.gpio.internal.publish;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.Qos;
import io.edgemqtt.hal.gpio.api.DigitalInput;
import io.edgemqtt.hal.gpio.api.EdgeListener;
import io.edgemqtt.hal.gpio.api.Sensor;
import io.edgemqtt.hal.gpio.internal.Check;
import io.edgemqtt.hal.gpio.internal.Components;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.HalThreads;
import io.edgemqtt.hal.gpio.internal.TopicTemplate;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * Factory PID {@value #PID}: publishes the readings of sensors and digital inputs through an MQTT client service.
 * Sampling runs on the bundle's shared scheduler thread. The sources and the client are dynamic references: a sensor
 * that comes or goes, or a client that is replaced, is picked up at the next sample without restarting the component.
 */
@Component(configurationPid = SensorPublisherComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = SensorPublisherConfig.class, factory = true)
public final class SensorPublisherComponent {
    static final String PID = "mqtt.gpio.sensor";
    private static final Logger LOG = System.getLogger(SensorPublisherComponent.class.getName());

    @Reference(name = "client", cardinality = ReferenceCardinality.MANDATORY, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MqttClient client;

    @Reference(name = "sensor", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<Sensor> sensors = List.of();

    private final Map<DigitalInput, EdgeListener> inputs = new ConcurrentHashMap<>();
    private final SensorPublisher publisher;
    private final String sourceId;
    private final String pid;
    private final long intervalMillis;
    private final HalThreads threads;
    private ScheduledFuture<?> sampling;

    /**
     * @param config the configuration
     * @param properties the component properties
     * @param threads the bundle's threads
     */
    @Activate
    public SensorPublisherComponent(SensorPublisherConfig config, Map<String, Object> properties,
            @Reference HalThreads threads) {
        this.pid = Components.pid(properties, PID);
        this.threads = threads;
        this.intervalMillis = config.interval_ms();
        SensorPublisher created = null;
        try {
            created = create(config, pid, () -> client, Clock.systemUTC(), LOG);
        } catch (ConfigException e) {
            Components.logInvalid(LOG, pid, e);
        }
        publisher = created;
        sourceId = config.source_id() == null ? "" : config.source_id().trim();
    }

    /** Starts sampling, once DS has injected the client and the sources (after the constructor). */
    @Activate
    void start() {
        if (publisher == null) {
            return;
        }
        sampling = threads.scheduler().scheduleWithFixedDelay(HalThreads.guarded(pid + " sampling", this::sample),
                0, intervalMillis, TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "{0}: publishing {1} every {2} ms", pid, sourceId.isEmpty() ? "all sources" : sourceId,
                intervalMillis);
    }

    /**
     * Checks a configuration and builds its publisher.
     *
     * @throws ConfigException naming the first invalid property
     */
    static SensorPublisher create(SensorPublisherConfig config, String pid,
            java.util.function.Supplier<MqttClient> client, Clock clock, Logger log) throws ConfigException {
        if (config.source_id() != null && !config.source_id().isBlank()) {
            Check.id("source.id", config.source_id().trim());
        }
        Check.range("interval.ms", config.interval_ms(), 100, 86_400_000);
        double deadband = Check.atLeast("deadband", config.deadband(), 0);
        long heartbeatSeconds = Check.range("heartbeat.s", config.heartbeat_s(), 0, 31_536_000);
        Qos qos = Qos.of((int) Check.range("qos", config.qos(), 0, 2));
        String preset = Check.oneOf("preset", config.preset(), "none", "ibm");
        ReadingFormat format;
        if (preset.equals("ibm")) {
            TopicTemplate event = TopicTemplate.parse("ibm.event", config.ibm_event(), ReadingFormat.PLACEHOLDERS);
            if (event.template().indexOf('/') >= 0) {
                throw new ConfigException("ibm.event", "must be a single topic level (no '/'), was '"
                        + event.template() + "'");
            }
            format = ReadingFormat.ibm(event);
        } else {
            format = ReadingFormat.json(TopicTemplate.parse("topic", config.topic(), ReadingFormat.PLACEHOLDERS));
        }
        List<String> list = new ArrayList<>();
        for (String quantity : Check.list(config.quantities())) {
            list.add(Check.id("quantities", quantity));
        }
        Set<String> quantities = Set.copyOf(list);
        return new SensorPublisher(pid, quantities, deadband, heartbeatSeconds * 1000, format, qos, config.retain(),
                client, clock, log);
    }

    private void sample() {
        List<Sensor> selectedSensors = new ArrayList<>();
        for (Sensor sensor : sensors) {
            if (sourceId.isEmpty() || sourceId.equals(sensor.id())) {
                selectedSensors.add(sensor);
            }
        }
        publisher.sample(selectedSensors, new ArrayList<>(inputs.keySet()));
    }

    /**
     * @param input a digital input the input filter matches
     */
    @Reference(name = "input", service = DigitalInput.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeInput")
    void addInput(DigitalInput input) {
        if (publisher == null || !(sourceId.isEmpty() || sourceId.equals(input.id()))) {
            return;
        }
        EdgeListener listener = publisher::onEdge;
        if (inputs.putIfAbsent(input, listener) == null) {
            input.addEdgeListener(listener);
        }
    }

    /**
     * @param input a digital input that went away or no longer matches
     */
    void removeInput(DigitalInput input) {
        EdgeListener listener = inputs.remove(input);
        if (listener != null) {
            input.removeEdgeListener(listener);
        }
    }

    /** Stops sampling and listening. */
    @Deactivate
    public void deactivate() {
        if (sampling != null) {
            sampling.cancel(false);
        }
        for (DigitalInput input : List.copyOf(inputs.keySet())) {
            removeInput(input);
        }
    }
}
