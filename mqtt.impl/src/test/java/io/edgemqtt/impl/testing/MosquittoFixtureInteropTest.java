package io.edgemqtt.impl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Proves the Mosquitto fixture (plain listener with persistence) with an independent client (Paho, 3.1.1). */
class MosquittoFixtureInteropTest {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension(MosquittoConfig.builder().persistence().build());

    @Test
    void publishSubscribeRoundTrip() throws Exception {
        assertTrue(ProcessHandle.of(MOSQUITTO.broker().pid()).map(ProcessHandle::isAlive).orElse(false));
        try (PahoPeer subscriber = PahoPeer.connect(MOSQUITTO.uri(), "mosq-sub");
                PahoPeer publisher = PahoPeer.connect(MOSQUITTO.uri(), "mosq-pub")) {
            assertEquals(2, subscriber.subscribe("fixture/roundtrip", 2));
            publisher.publish("fixture/roundtrip", "hello mosquitto", 2, false);
            PahoPeer.Received message = subscriber.awaitMessage(Duration.ofSeconds(10));
            assertEquals("fixture/roundtrip", message.topic);
            assertEquals("hello mosquitto", message.text());
            assertEquals(2, message.message.getQos());
        }
    }

    @Test
    void retainedMessageSurvivesSigtermAndRestartOnTheSamePort() throws Exception {
        MosquittoBroker broker = MOSQUITTO.broker();
        try (PahoPeer publisher = PahoPeer.connect(broker.uri(), "mosq-retain-pub")) {
            publisher.publish("fixture/retained/term", "kept across SIGTERM", 1, true);
        }
        int port = broker.port();
        long pid = broker.pid();
        assertEquals(0, broker.stop(), "exit code after SIGTERM");
        assertFalse(broker.isRunning());
        assertTrue(Files.exists(broker.persistenceFile()), "mosquitto saved on SIGTERM");

        broker.start();
        assertEquals(port, broker.port());
        assertNotEquals(pid, broker.pid());
        try (PahoPeer subscriber = PahoPeer.connect(broker.uri(), "mosq-retain-sub")) {
            subscriber.subscribe("fixture/retained/term", 1);
            PahoPeer.Received message = subscriber.awaitMessage(Duration.ofSeconds(10));
            assertEquals("kept across SIGTERM", message.text());
            assertTrue(message.message.isRetained());
        }
    }

    @Test
    void retainedMessageSurvivesKill9AfterTheAutosave() throws Exception {
        MosquittoBroker broker = MOSQUITTO.broker();
        FileTime savedBefore = Files.exists(broker.persistenceFile())
                ? Files.getLastModifiedTime(broker.persistenceFile()) : FileTime.fromMillis(0);
        try (PahoPeer publisher = PahoPeer.connect(broker.uri(), "mosq-kill-pub")) {
            publisher.publish("fixture/retained/kill", "kept across kill -9", 1, true);
        }
        // autosave_interval 1: wait (bounded) until mosquitto has saved since the publish was acknowledged
        FileTime published = FileTime.fromMillis(System.currentTimeMillis());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!savedAfter(broker, published, savedBefore)) {
            assertTrue(System.nanoTime() < deadline, "no autosave within 10 s");
            Thread.sleep(50); // poll interval of a bounded wait
        }
        broker.kill();
        assertFalse(broker.isRunning());

        broker.start();
        try (PahoPeer subscriber = PahoPeer.connect(broker.uri(), "mosq-kill-sub")) {
            subscriber.subscribe("fixture/retained/kill", 1);
            assertEquals("kept across kill -9", subscriber.awaitMessage(Duration.ofSeconds(10)).text());
        }
    }

    private static boolean savedAfter(MosquittoBroker broker, FileTime published, FileTime before)
            throws java.io.IOException {
        if (!Files.exists(broker.persistenceFile())) {
            return false;
        }
        FileTime saved = Files.getLastModifiedTime(broker.persistenceFile());
        return saved.compareTo(published) > 0 && saved.compareTo(before) > 0;
    }

    @Test
    void aBrokerLeftStoppedByATestIsStartedForTheNext() {
        // companion of the tests above: whatever order they ran in, the broker is up for this one
        assertTrue(MOSQUITTO.broker().isRunning());
        assertTrue(Loopback.accepts(MOSQUITTO.port(), 1000));
        MOSQUITTO.broker().kill(); // and left down on purpose
    }
}
