package io.edgemqtt.impl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Proves the HiveMQ fixture with an independent client (Paho, MQTT 3.1.1). */
@ExtendWith(HiveMqExtension.class)
class HiveMqBrokerTest {

    @Test
    void publishSubscribeRoundTripOverMqtt311(HiveMqBroker broker) throws Exception {
        assertSame(HiveMqBroker.shared(), broker, "one broker per JVM");
        assertTrue(broker.uri().startsWith("tcp://127.0.0.1:"), broker.uri());
        String topic = HiveMqBroker.uniqueTopic("roundtrip");
        try (PahoPeer subscriber = PahoPeer.connect(broker.uri(), "hivemq-sub");
                PahoPeer publisher = PahoPeer.connect(broker.uri(), "hivemq-pub")) {
            assertEquals(1, subscriber.subscribe(topic, 1));
            publisher.publish(topic, "hello hivemq", 1, false);
            PahoPeer.Received message = subscriber.awaitMessage(Duration.ofSeconds(10));
            assertEquals(topic, message.topic);
            assertEquals("hello hivemq", message.text());
            assertEquals(1, message.message.getQos());
        }
    }

    @Test
    void aPrivateBrokerLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        try (HiveMqBroker broker = HiveMqBroker.startPrivate();
                PahoPeer peer = PahoPeer.connect(broker.uri(), "hivemq-private")) {
            assertTrue(peer.client().isConnected());
        }
        // bounded polling: executors may take a moment to let their last thread end
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<Thread> leaked;
        do {
            leaked = nonDaemonThreads();
            leaked.removeAll(before);
        } while (!leaked.isEmpty() && System.nanoTime() < deadline && pause());
        assertTrue(leaked.isEmpty(), () -> "threads left after stop: " + nonDaemonThreads().stream()
                .filter(t -> !before.contains(t)).map(Thread::getName).collect(Collectors.joining(", ")));
        assertFalse(before.isEmpty());
    }

    private static boolean pause() {
        try {
            Thread.sleep(50); // poll interval of a bounded wait, not a synchronisation
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }
}
