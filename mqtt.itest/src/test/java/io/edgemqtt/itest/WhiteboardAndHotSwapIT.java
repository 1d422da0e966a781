package io.edgemqtt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import io.edgemqtt.api.MessageHandler;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.whiteboard.WhiteboardProperties;
import io.edgemqtt.itest.support.Services;
import io.edgemqtt.itest.support.TestBroker;
import io.edgemqtt.itest.support.TestRuntime;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The subscription whiteboard on a configured client, and hot swap of the engine bundle: stopping, starting and
 * updating {@code mqtt.impl} while this test (a consumer bundle) uses the client service leaves no engine thread
 * behind and gives the consumer the new service.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WhiteboardAndHotSwapIT {
    private static final Duration WAIT = Duration.ofSeconds(Services.WAIT_SECONDS);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        return TestRuntime.options(TestBroker.start());
    }

    private org.osgi.service.cm.Configuration createClient(String name, String clientId) throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("serverUris", "tcp://127.0.0.1:" + Integer.getInteger(TestRuntime.BROKER_PORT_PROPERTY));
        properties.put("clientId", clientId);
        properties.put("reconnect.initialDelayMs", "100");
        properties.put("reconnect.maxDelayMs", "1000");
        org.osgi.service.cm.Configuration configuration =
                configurationAdmin.getFactoryConfiguration("mqtt.client", name, "?");
        configuration.update(properties);
        return configuration;
    }

    /** A whiteboard handler that keeps what it receives. */
    private static final class Recorder implements MessageHandler {
        final LinkedBlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(MqttMessage message) {
            messages.add(message);
        }

        MqttMessage take() throws InterruptedException {
            MqttMessage message = messages.poll(Services.WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("no message within " + Services.WAIT_SECONDS + " s", message);
            return message;
        }
    }

    private ServiceRegistration<MessageHandler> register(Recorder recorder, String topic, String clientFilter) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(WhiteboardProperties.TOPIC, topic);
        properties.put(WhiteboardProperties.QOS, 1);
        properties.put(WhiteboardProperties.CLIENT, clientFilter);
        return context.registerService(MessageHandler.class, recorder, properties);
    }

    @Test
    public void aWhiteboardHandlerReceivesItsFilterStopsWhenGoneAndSurvivesABrokerDisconnect() throws Exception {
        org.osgi.service.cm.Configuration configuration = createClient("board", "it-board");
        try {
            MqttClient client = Services.awaitClient(context, "(name=board)");
            Services.awaitConnected(client);
            Recorder handler = new Recorder();
            Recorder other = new Recorder();
            ServiceRegistration<MessageHandler> registration = register(handler, "itest/wb/#", "(name=board)");
            ServiceRegistration<MessageHandler> otherRegistration = register(other, "itest/other", "(name=board)");

            awaitDelivery(client, "itest/wb/a", handler);
            client.publishAndWait(MqttMessage.of("itest/other", "o", Qos.AT_LEAST_ONCE), WAIT);
            assertEquals("o", other.take().payloadAsString());
            assertEquals("handlers only see their own filters", 0, countNot(handler, "itest/wb/"));

            // The broker drops the connection: the client reconnects and restores the subscription.
            @SuppressWarnings("unchecked")
            Consumer<String> disconnect = (Consumer<String>) System.getProperties().get(TestBroker.DISCONNECT_HOOK);
            disconnect.accept("it-board");
            Services.awaitCondition("reconnected after the broker's disconnect",
                    () -> client.statistics().reconnects() >= 1 && client.connection().isPresent());
            awaitDelivery(client, "itest/wb/after", handler);

            registration.unregister();
            client.publishAndWait(MqttMessage.of("itest/wb/gone", "x", Qos.AT_LEAST_ONCE), WAIT);
            client.publishAndWait(MqttMessage.of("itest/other", "marker", Qos.AT_LEAST_ONCE), WAIT);
            assertEquals("marker", other.take().payloadAsString());
            assertTrue("nothing delivered after unregistering", handler.messages.isEmpty());
            otherRegistration.unregister();
        } finally {
            configuration.delete();
        }
    }

    /** Publishes until the handler gets one (the subscription may still be on its way), then drains it. */
    private static void awaitDelivery(MqttClient client, String topic, Recorder handler) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Services.WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            client.publishAndWait(MqttMessage.of(topic, "w", Qos.AT_LEAST_ONCE), WAIT);
            MqttMessage message = handler.messages.poll(200, TimeUnit.MILLISECONDS);
            if (message != null) {
                assertEquals(topic, message.topic());
                handler.messages.clear();
                return;
            }
        }
        throw new AssertionError("the whiteboard handler never received " + topic);
    }

    private static long countNot(Recorder recorder, String prefix) {
        return recorder.messages.stream().filter(m -> !m.topic().startsWith(prefix)).count();
    }

    @Test
    public void stoppingStartingAndUpdatingTheEngineRebindsConsumersWithoutLeakingThreads() throws Exception {
        // Clients of the other test of this class may still be closing: their threads end with the last client.
        Services.awaitCondition("no client left from an earlier test", () -> engineThreads().isEmpty());
        Set<String> baseline = engineThreads();
        org.osgi.service.cm.Configuration configuration = createClient("swap", "it-swap");
        ServiceTracker<MqttClient, MqttClient> consumer = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + MqttClient.class.getName() + ")(name=swap))"), null);
        consumer.open();
        try {
            MqttClient first = consumer.waitForService(TimeUnit.SECONDS.toMillis(Services.WAIT_SECONDS));
            assertNotNull(first);
            Services.awaitConnected(first);
            Bundle engine = bundle("mqtt.impl");

            engine.stop();
            Services.awaitCondition("the client service is gone", () -> consumer.getService() == null);
            Services.awaitCondition("no engine thread left after stop: " + engineThreads(),
                    () -> engineThreads().equals(baseline));

            engine.start();
            MqttClient second = consumer.waitForService(TimeUnit.SECONDS.toMillis(Services.WAIT_SECONDS));
            assertNotNull("the consumer gets the new service", second);
            assertNotSame(first, second);
            Services.awaitConnected(second);
            second.publishAndWait(MqttMessage.of("itest/swap", "after start", Qos.AT_LEAST_ONCE), WAIT);

            engine.update();
            Services.awaitCondition("a third service after update", () -> {
                MqttClient current = consumer.getService();
                return current != null && current != second;
            });
            MqttClient third = consumer.getService();
            Services.awaitConnected(third);
            third.publishAndWait(MqttMessage.of("itest/swap", "after update", Qos.AT_LEAST_ONCE), WAIT);
        } finally {
            consumer.close();
            configuration.delete();
        }
        Services.awaitCondition("no engine thread left after the client went", () -> engineThreads().equals(baseline));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    private static Set<String> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("mqtt-"))
                .collect(Collectors.toSet());
    }
}
