package io.edgemqtt.hal.gpio.internal.publish;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.hal.gpio.api.DigitalInput;
import io.edgemqtt.hal.gpio.api.EdgeEvent;
import io.edgemqtt.hal.gpio.api.Quantities;
import io.edgemqtt.hal.gpio.api.Reading;
import io.edgemqtt.hal.gpio.api.Sensor;
import io.edgemqtt.hal.gpio.internal.OutageLog;
import io.edgemqtt.hal.gpio.internal.SysfsValues;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The publishing logic of one {@code mqtt.gpio.sensor} configuration, without OSGi: samples sensors and inputs, keeps
 * what passes the {@link Deadband}, formats it and hands it to the client. Edges of digital inputs are published at
 * once. The client buffers while offline, so publishing goes on during an outage; failures are logged once per outage
 * through an {@link OutageLog}. Thread-safe: sampling and edges may come from different threads.
 */
final class SensorPublisher {
    private static final Logger LOG = System.getLogger(SensorPublisher.class.getName());

    private final String owner;
    private final Set<String> quantities;
    private final ReadingFormat format;
    private final Qos qos;
    private final boolean retain;
    private final Supplier<MqttClient> client;
    private final Clock clock;
    private final OutageLog outages;
    private final Deadband deadband;

    /**
     * @param owner names the configuration in log lines
     * @param quantities the quantities to publish, empty for all
     * @param deadband see {@link Deadband}
     * @param heartbeatMillis see {@link Deadband}
     * @param format topic and payload
     * @param qos the QoS of the publishes
     * @param retain whether the broker retains them
     * @param client the client to publish with, or null while there is none
     * @param clock the time for the deadband's heartbeat
     * @param log where failures are logged
     */
    SensorPublisher(String owner, Set<String> quantities, double deadband, long heartbeatMillis, ReadingFormat format,
            Qos qos, boolean retain, Supplier<MqttClient> client, Clock clock, Logger log) {
        this.owner = owner;
        this.quantities = Set.copyOf(quantities);
        this.deadband = new Deadband(deadband, heartbeatMillis);
        this.format = format;
        this.qos = qos;
        this.retain = retain;
        this.client = client;
        this.clock = clock;
        this.outages = new OutageLog(log, owner);
    }

    /**
     * Samples every sensor and input once and publishes what passes the deadband.
     *
     * @param sensors the sensors to sample
     * @param inputs the inputs to sample
     */
    void sample(List<Sensor> sensors, List<DigitalInput> inputs) {
        for (Sensor sensor : sensors) {
            List<Reading> readings;
            try {
                readings = sensor.read();
            } catch (RuntimeException e) {
                // a provider broke its contract; one bad sensor must not stop the others
                LOG.log(Level.ERROR, owner + ": sensor " + sensor.id() + " failed", e);
                continue;
            }
            for (Reading reading : readings) {
                if (quantities.isEmpty() || quantities.contains(reading.quantity())) {
                    offer(reading, false);
                }
            }
        }
        for (DigitalInput input : inputs) {
            if (quantities.isEmpty() || quantities.contains(Quantities.STATE)) {
                offer(readInput(input), false);
            }
        }
    }

    /**
     * Publishes an edge at once, whatever the deadband says.
     *
     * @param event the edge
     */
    void onEdge(EdgeEvent event) {
        if (quantities.isEmpty() || quantities.contains(Quantities.STATE)) {
            offer(Reading.good(event.inputId(), Quantities.STATE, event.active() ? 1 : 0, "", event.timestamp()),
                    true);
        }
    }

    private Reading readInput(DigitalInput input) {
        try {
            return Reading.good(input.id(), Quantities.STATE, input.read() ? 1 : 0, "", clock.instant());
        } catch (IOException e) {
            return Reading.bad(input.id(), Quantities.STATE, "", clock.instant(), SysfsValues.describe(e));
        }
    }

    private void offer(Reading reading, boolean always) {
        long now = clock.millis();
        // publish under the lock too, so that publishes leave in the order the deadband saw the readings
        synchronized (deadband) {
            if (!always && !deadband.shouldPublish(reading, now)) {
                return;
            }
            deadband.published(reading, now);
            publish(reading);
        }
    }

    private void publish(Reading reading) {
        String topic = format.topic(reading);
        MqttClient target = client.get();
        if (target == null) {
            outages.failed("publish to " + topic, "no MQTT client matches the client.target filter");
            return;
        }
        MqttMessage message = MqttMessage.builder(topic).payload(format.payload(reading)).qos(qos).retain(retain)
                .contentType("application/json").payloadUtf8(true).build();
        outages.publish(target, message, "publish to " + topic);
    }
}
