package io.edgemqtt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.itest.support.LogCapture;
import io.edgemqtt.itest.support.Services;
import io.edgemqtt.itest.support.TestBroker;
import io.edgemqtt.itest.support.TestRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The hardware layer through a real broker: a simulated sensor's readings arrive on the configured topic with the JSON
 * payload; a command on the command topic switches a simulated output and its retained state topic follows; a
 * command for an output that is not allowed is refused with a log line.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HardwareLayerIT {
    private static final Duration WAIT = Duration.ofSeconds(Services.WAIT_SECONDS);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private final List<org.osgi.service.cm.Configuration> created = new ArrayList<>();

    @Configuration
    public Option[] configuration() {
        return TestRuntime.options(TestBroker.start());
    }

    @After
    public void deleteConfigurations() throws Exception {
        for (org.osgi.service.cm.Configuration configuration : created) {
            configuration.delete();
        }
        created.clear();
    }

    private void configure(String factoryPid, String name, String... keyValues) throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        org.osgi.service.cm.Configuration configuration =
                configurationAdmin.getFactoryConfiguration(factoryPid, name, "?");
        configuration.update(properties);
        created.add(configuration);
    }

    private MqttClient client(String name) throws Exception {
        configure("mqtt.client", name, "serverUris",
                "tcp://127.0.0.1:" + Integer.getInteger(TestRuntime.BROKER_PORT_PROPERTY), "clientId", "it-" + name);
        MqttClient client = Services.awaitClient(context, "(name=" + name + ")");
        Services.awaitConnected(client);
        return client;
    }

    @Test
    public void aSimulatedReadingArrivesOnTheConfiguredTopicAsJson() throws Exception {
        MqttClient client = client("halsensor");
        LinkedBlockingQueue<MqttMessage> readings = new LinkedBlockingQueue<>();
        client.subscribeAndWait(List.of(Subscription.of("itest/sensors/#", Qos.AT_LEAST_ONCE)), WAIT);
        client.setReceiveListener((c, depth) -> c.poll().ifPresent(readings::add));
        configure("mqtt.gpio.sim.sensor", "itroom", "hal.id", "itroom", "quantity", "temperature", "unit", "C",
                "waveform", "constant", "offset", "21.5", "noise", "0", "decimals", "1");
        configure("mqtt.gpio.sensor", "itpublisher", "source.id", "itroom", "sensor.target", "(hal.id=itroom)",
                "client.target", "(name=halsensor)", "interval.ms", "200", "topic", "itest/sensors/{id}/{quantity}",
                "qos", "1");
        MqttMessage reading = readings.poll(Services.WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull("no reading on itest/sensors/# within " + WAIT, reading);
        assertEquals("itest/sensors/itroom/temperature", reading.topic());
        String payload = reading.payloadAsString();
        assertTrue(payload, payload.contains("\"value\":21.5"));
        assertTrue(payload, payload.contains("\"unit\":\"C\""));
        assertTrue(payload, payload.contains("\"quality\":\"GOOD\""));
        assertTrue(payload, payload.contains("\"ts\":"));
    }

    @Test
    public void aCommandSwitchesTheOutputAndItsStateAndAForeignPinIsRefused() throws Exception {
        MqttClient client = client("haloutput");
        configure("mqtt.gpio.sim.output", "itlamp", "hal.id", "itlamp", "initial", "false");
        configure("mqtt.gpio.output", "itcontrol", "outputs", "itlamp", "output.target", "(hal.id=*)",
                "client.target", "(name=haloutput)", "command.topic", "itest/gpio/{id}/set",
                "state.topic", "itest/gpio/{id}/state", "safe.state", "off");
        ServiceReference<?> lamp = awaitOutput("itlamp");
        LinkedBlockingQueue<MqttMessage> states = new LinkedBlockingQueue<>();
        client.subscribe(Subscription.of("itest/gpio/itlamp/state", Qos.AT_LEAST_ONCE), states::add)
                .toCompletableFuture().get(Services.WAIT_SECONDS, TimeUnit.SECONDS);

        try (LogCapture log = new LogCapture()) {
            Services.awaitCondition("the controller subscribed to its command topic", () -> {
                try {
                    client.publishAndWait(MqttMessage.of("itest/gpio/itlamp/set", "on", Qos.AT_LEAST_ONCE), WAIT);
                    return readOutput(lamp);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitState(states, "\"value\":1");

            client.publishAndWait(MqttMessage.of("itest/gpio/itpump/set", "on", Qos.AT_LEAST_ONCE), WAIT);
            String refusal = log.await("refused command");
            assertTrue(refusal, refusal.contains("itpump") && refusal.contains("not allowed"));
        }
        client.publishAndWait(MqttMessage.of("itest/gpio/itlamp/set", "0", Qos.AT_LEAST_ONCE), WAIT);
        awaitState(states, "\"value\":0");
        assertEquals(false, readOutput(lamp));
    }

    private ServiceReference<?> awaitOutput(String id) throws Exception {
        String filter = "(&(objectClass=io.edgemqtt.hal.gpio.api.DigitalOutput)(hal.id=" + id + "))";
        Services.awaitCondition("the output " + id + " is registered", () -> {
            try {
                return context.getServiceReferences((String) null, filter) != null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        return context.getServiceReferences((String) null, filter)[0];
    }

    /** Reads a DigitalOutput through reflection: its type is not on the test driver's class path. */
    private boolean readOutput(ServiceReference<?> reference) throws Exception {
        Object output = context.getService(reference);
        try {
            Class<?> type = reference.getBundle().loadClass("io.edgemqtt.hal.gpio.api.DigitalOutput");
            return (Boolean) type.getMethod("read").invoke(output);
        } finally {
            context.ungetService(reference);
        }
    }

    private static void awaitState(LinkedBlockingQueue<MqttMessage> states, String expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Services.WAIT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            MqttMessage state = left <= 0 ? null : states.poll(left, TimeUnit.NANOSECONDS);
            assertNotNull("no state with " + expected, state);
            if (state.payloadAsString().contains(expected)) {
                return;
            }
        }
    }
}
