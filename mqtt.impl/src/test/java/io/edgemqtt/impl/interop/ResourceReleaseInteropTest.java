package io.edgemqtt.impl.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.impl.engine.Await;
import io.edgemqtt.impl.engine.Inbox;
import io.edgemqtt.impl.engine.TestClients;
import io.edgemqtt.impl.testing.MosquittoExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the last client leaves no thread, socket or file handle behind. The broker runs in another process
 * (Mosquitto), so every socket of this JVM that is left would be ours.
 */
class ResourceReleaseInteropTest {
    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    @TempDir
    Path persistence;

    @Test
    void closeReleasesEveryThreadSocketAndFile() throws Exception {
        try (TestClients warmUp = new TestClients()) {
            warmUp.connected(MOSQUITTO.uri(), MqttVersion.V5); // load every class first: the JDK keeps jars open
        }
        waitForEngineThreads();
        long socketsBefore = openDescriptors("socket:");
        long filesBefore = openDescriptors("/");
        long othersBefore = openDescriptors("");
        try (TestClients clients = new TestClients()) {
            for (MqttVersion version : MqttVersion.values()) {
                MqttClient client = clients.connected(MOSQUITTO.uri(), version);
                Inbox inbox = new Inbox();
                Await.await(client.subscribe(Subscription.of("leak/" + version, Qos.EXACTLY_ONCE), inbox));
                client.publishAndWait(MqttMessage.of("leak/" + version, "x", Qos.EXACTLY_ONCE), TestClients.WAIT);
                inbox.take();
            }
            MqttClient durable = io.edgemqtt.api.MqttClientFactory.load()
                    .newClient("durable", io.edgemqtt.api.ConnectOptions.builder().serverUri(MOSQUITTO.uri())
                            .clientId(TestClients.uniqueId("durable")).build())
                    .persistenceDirectory(persistence)
                    .build();
            durable.connectAndWait(TestClients.WAIT);
            durable.publishAndWait(MqttMessage.of("leak/durable", "x", Qos.AT_LEAST_ONCE), TestClients.WAIT);
            assertTrue(openDescriptors("socket:") > socketsBefore, "the clients hold sockets while open");
            durable.close();
        }
        waitForEngineThreads();
        assertEquals(List.of(), engineThreads().stream().map(Thread::getName).collect(Collectors.toList()),
                "no engine thread left");
        assertEquals(socketsBefore, openDescriptors("socket:"), "no socket left");
        assertEquals(filesBefore, openDescriptors("/"), "no file left open (session store)");
        assertEquals(othersBefore, openDescriptors(""), "no descriptor left at all (selector, pipes)");
    }

    private static void waitForEngineThreads() throws InterruptedException {
        for (Thread thread : engineThreads()) {
            thread.join(10_000);
        }
    }

    private static List<Thread> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("mqtt-") && thread.isAlive())
                .collect(Collectors.toList());
    }

    /** Counts this process's descriptors whose link target starts with {@code prefix}. */
    private static long openDescriptors(String prefix) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith(prefix);
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }
}
