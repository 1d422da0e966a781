package io.edgemqtt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.edgemqtt.api.ClientState;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.itest.support.LogCapture;
import io.edgemqtt.itest.support.LoopbackPorts;
import io.edgemqtt.itest.support.Services;
import io.edgemqtt.itest.support.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The embedded broker bundle ({@code mqtt.broker}, Moquette) with clients of {@code mqtt.impl} configured against it,
 * both configurations created here on a free port: a round trip through it; stopping its bundle makes the clients
 * reconnect with backoff while QoS 1 publishes are buffered, and starting it again delivers them to a persistent
 * subscriber; disabling it by configuration and a taken port. No test here uses the driver-side test broker.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EmbeddedBrokerIT {
    private static final Duration WAIT = Duration.ofSeconds(Services.WAIT_SECONDS);
    /** The broker's threads all descend from this thread group (see mqtt.broker's EmbeddedBroker). */
    private static final String BROKER_THREAD_GROUP = "mqtt.broker";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        return TestRuntime.options();
    }

    @Test
    public void aPublishAndASubscriptionRoundTripThroughTheEmbeddedBroker() throws Exception {
        int port = LoopbackPorts.free();
        Path data = Files.createTempDirectory("itest-broker");
        org.osgi.service.cm.Configuration broker = configureBroker(port, data, true);
        org.osgi.service.cm.Configuration client = configureClient("roundtrip", port, "it-roundtrip", true);
        try {
            MqttClient mqtt = Services.awaitClient(context, "(name=roundtrip)");
            Services.awaitConnected(mqtt);
            LinkedBlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            mqtt.subscribe(Subscription.of("itest/embedded/+", Qos.AT_LEAST_ONCE), received::add)
                    .toCompletableFuture().get(Services.WAIT_SECONDS, TimeUnit.SECONDS);
            PublishResult result = mqtt.publishAndWait(
                    MqttMessage.of("itest/embedded/hello", "through the embedded broker", Qos.AT_LEAST_ONCE), WAIT);
            assertNotNull(result);
            MqttMessage message = received.poll(Services.WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("the subscription got nothing", message);
            assertEquals("itest/embedded/hello", message.topic());
            assertEquals("through the embedded broker", message.payloadAsString());
        } finally {
            client.delete();
            broker.delete();
        }
        awaitNoBrokerThread();
        deleteTree(data);
    }

    @Test
    public void stoppingTheBrokerBundleBuffersQos1PublishesAndStartingItAgainDeliversThem() throws Exception {
        int port = LoopbackPorts.free();
        Path data = Files.createTempDirectory("itest-broker");
        org.osgi.service.cm.Configuration broker = configureBroker(port, data, true);
        // a persistent session: the broker keeps its subscription and queues for it while it is away
        org.osgi.service.cm.Configuration subscriberConfiguration =
                configureClient("subscriber", port, "it-subscriber", false);
        org.osgi.service.cm.Configuration publisherConfiguration =
                configureClient("publisher", port, "it-publisher", false);
        Bundle brokerBundle = bundle("mqtt.broker");
        try (LogCapture log = new LogCapture()) {
            MqttClient subscriber = Services.awaitClient(context, "(name=subscriber)");
            MqttClient publisher = Services.awaitClient(context, "(name=publisher)");
            Services.awaitConnected(subscriber);
            Services.awaitConnected(publisher);
            LinkedBlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            subscriber.subscribe(Subscription.of("itest/buffered/#", Qos.AT_LEAST_ONCE), received::add)
                    .toCompletableFuture().get(Services.WAIT_SECONDS, TimeUnit.SECONDS);
            publisher.publishAndWait(MqttMessage.of("itest/buffered/before", "0", Qos.AT_LEAST_ONCE), WAIT);
            assertEquals("0", take(received).payloadAsString());
            long reconnectsBefore = publisher.statistics().reconnects();

            brokerBundle.stop();
            assertEquals("the broker's threads end with its bundle", Set.of(), brokerThreads());
            assertFalse("nothing listens on " + port + " once the broker bundle stopped", listening(port));
            Services.awaitCondition("the publisher noticed the broker is gone",
                    () -> publisher.state() != ClientState.CONNECTED);
            // reconnect with backoff: attempts keep failing (connection refused) and are retried
            log.await("MQTT client publisher: connection attempt to tcp://127.0.0.1:" + port + " failed");
            log.await("MQTT client publisher: connection attempt to tcp://127.0.0.1:" + port + " failed");

            List<CompletableFuture<PublishResult>> publishes = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                publishes.add(publisher.publish(MqttMessage.of("itest/buffered/offline", Integer.toString(i),
                        Qos.AT_LEAST_ONCE)).toCompletableFuture());
            }
            TimeUnit.MILLISECONDS.sleep(500);
            assertTrue("no publish can complete while the broker is stopped",
                    publishes.stream().noneMatch(CompletableFuture::isDone));
            assertEquals("the five publishes wait in the offline buffer", 5, publisher.statistics().buffered());
            assertTrue("nothing arrives while the broker is stopped", received.isEmpty());

            brokerBundle.start();
            log.await("MQTT broker (MQTT 3.1.1) listening on 127.0.0.1:" + port + ";");
            for (CompletableFuture<PublishResult> publish : publishes) {
                assertNotNull(publish.get(Services.WAIT_SECONDS, TimeUnit.SECONDS));
            }
            List<String> payloads = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                MqttMessage message = take(received);
                assertEquals("itest/buffered/offline", message.topic());
                payloads.add(message.payloadAsString());
            }
            assertEquals("every buffered message, in order", List.of("1", "2", "3", "4", "5"), payloads);
            assertTrue("the publisher reconnected", publisher.statistics().reconnects() > reconnectsBefore);
            assertEquals(0, publisher.statistics().buffered());
        } finally {
            if (brokerBundle.getState() != Bundle.ACTIVE) {
                brokerBundle.start();
            }
            publisherConfiguration.delete();
            subscriberConfiguration.delete();
            broker.delete();
        }
        awaitNoBrokerThread();
        deleteTree(data);
    }

    @Test
    public void disablingTheBrokerByConfigurationStopsItAndATakenPortFallsBackToAFreeOne() throws Exception {
        int port = LoopbackPorts.free();
        LogCapture log = new LogCapture(); // before the configuration: its broker may log before the next line
        org.osgi.service.cm.Configuration broker = configureBroker(port, null, true);
        try (log) {
            log.await("MQTT broker (MQTT 3.1.1) listening on 127.0.0.1:" + port + "; in memory only");
            assertTrue(listening(port));
            assertFalse(brokerThreads().isEmpty());

            broker.update(brokerProperties(port, null, false));
            log.await("MQTT broker is off (enabled=false");
            assertFalse("nothing listens once disabled", listening(port));
            assertEquals("no thread of the broker is left once disabled", Set.of(), brokerThreads());

            try (ServerSocket taken = new ServerSocket()) {
                taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                broker.update(brokerProperties(port, null, true));
                String line = log.await("is taken; listening on");
                Matcher matcher = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) instead").matcher(line);
                assertTrue(line, matcher.find());
                int fallback = Integer.parseInt(matcher.group(1));
                assertNotEquals(port, fallback);
                assertTrue("the broker listens on the port its log line names", listening(fallback));
            }
        } finally {
            broker.delete();
        }
        awaitNoBrokerThread();
    }

    // ---- configuration ----

    private org.osgi.service.cm.Configuration configureBroker(int port, Path data, boolean enabled) throws IOException {
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration("mqtt.broker", "?");
        configuration.update(brokerProperties(port, data, enabled));
        return configuration;
    }

    private static Hashtable<String, Object> brokerProperties(int port, Path data, boolean enabled) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("enabled", enabled);
        properties.put("bindAddress", "127.0.0.1");
        properties.put("port", port);
        properties.put("persistence.enabled", data != null);
        if (data != null) {
            properties.put("persistence.directory", data.toString());
        }
        return properties;
    }

    private org.osgi.service.cm.Configuration configureClient(String name, int port, String clientId,
            boolean cleanStart) throws IOException {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("serverUris", "tcp://127.0.0.1:" + port);
        properties.put("clientId", clientId);
        properties.put("cleanStart", Boolean.toString(cleanStart));
        properties.put("reconnect.initialDelayMs", "200");
        properties.put("reconnect.maxDelayMs", "1000");
        org.osgi.service.cm.Configuration configuration =
                configurationAdmin.getFactoryConfiguration("mqtt.client", name, "?");
        configuration.update(properties);
        return configuration;
    }

    // ---- helpers ----

    private static MqttMessage take(LinkedBlockingQueue<MqttMessage> received) throws InterruptedException {
        MqttMessage message = received.poll(Services.WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull("no message within " + Services.WAIT_SECONDS + " s", message);
        return message;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    private static Set<String> brokerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getThreadGroup() != null
                        && BROKER_THREAD_GROUP.equals(thread.getThreadGroup().getName()))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private static void awaitNoBrokerThread() throws InterruptedException {
        Services.awaitCondition("no broker thread left: " + brokerThreads(), () -> brokerThreads().isEmpty());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
