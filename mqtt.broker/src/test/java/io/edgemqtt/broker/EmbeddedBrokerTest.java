package io.edgemqtt.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Moquette wrapper outside OSGi: listening, port fallback, persistence folder, login, and threads on stop. */
class EmbeddedBrokerTest {
    @TempDir
    Path data;

    private static final String GROUP = "mqtt.broker.test";

    private BrokerSettings settings(Map<String, Object> extra) throws InvalidConfigurationException {
        java.util.HashMap<String, Object> properties = new java.util.HashMap<>(extra);
        properties.putIfAbsent("persistence.directory", data.toString());
        return BrokerSettings.parse(properties);
    }

    @Test
    void acceptsAnMqttConnectionAndLeavesNoThreadAfterStop() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(settings(Map.of("port", 0)), GROUP);
        try {
            assertTrue(broker.port() > 0);
            assertFalse(broker.fellBack());
            assertEquals(0, connect(broker.port(), null, null), "CONNACK accepted");
            assertFalse(brokerThreads().isEmpty(), "the broker's threads are in its group");
        } finally {
            assertEquals(List.of(), broker.stop());
        }
        assertEquals(Set.of(), brokerThreads());
        assertTrue(Files.list(data).findAny().isPresent(), "the H2 store is in the persistence folder");
    }

    /**
     * The restart of the broker bundle: the same port again and again, and each time it listens once start returns.
     * (Before, the port was read back from Moquette, whose getPort() races with its event loop and could stay 0.)
     */
    @Test
    void startedAgainOnTheSamePortItListensEveryTime() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = probe.getLocalPort();
        }
        for (int round = 1; round <= 3; round++) {
            EmbeddedBroker broker = EmbeddedBroker.start(settings(Map.of("port", port)), GROUP);
            try {
                assertEquals(port, broker.port(), "round " + round);
                assertFalse(broker.fellBack(), "round " + round);
                assertEquals(0, connect(port, null, null), "CONNACK accepted in round " + round);
            } finally {
                assertEquals(List.of(), broker.stop());
            }
        }
        assertEquals(Set.of(), brokerThreads());
    }

    @Test
    void aTakenPortFallsBackToAFreeOneOrFailsCleanly() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            EmbeddedBroker broker = EmbeddedBroker.start(settings(Map.of("port", taken.getLocalPort())), GROUP);
            try {
                assertTrue(broker.fellBack());
                assertNotEquals(taken.getLocalPort(), broker.port());
                assertEquals(0, connect(broker.port(), null, null));
            } finally {
                assertEquals(List.of(), broker.stop());
            }

            EmbeddedBroker.StartException error = assertThrows(EmbeddedBroker.StartException.class,
                    () -> EmbeddedBroker.start(settings(Map.of("port", taken.getLocalPort(), "portFallback", false)),
                            GROUP));
            assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is taken (and portFallback is false)",
                    error.getMessage());
        }
        assertEquals(Set.of(), brokerThreads());
    }

    @Test
    void withAUserConfiguredOnlyThatLoginIsAccepted() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(settings(Map.of("port", 0, "allowAnonymous", "false",
                "username", "gateway", ".password", "s3cret", "persistence.enabled", "false")), GROUP);
        try {
            assertEquals(0, connect(broker.port(), "gateway", "s3cret"));
            assertNotEquals(0, connect(broker.port(), "gateway", "wrong"));
            assertNotEquals(0, connect(broker.port(), null, null));
        } finally {
            assertEquals(List.of(), broker.stop());
        }
    }

    private static Set<String> brokerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getThreadGroup() != null && t.getThreadGroup().getName().equals(GROUP))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    /** Sends an MQTT 3.1.1 CONNECT and returns the CONNACK return code. */
    private static int connect(int port, String username, String password) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            writeString(body, "MQTT");
            body.write(4); // protocol level 3.1.1
            body.write(0x02 | (username != null ? 0x80 : 0) | (password != null ? 0x40 : 0));
            body.write(0);
            body.write(30); // keep-alive
            writeString(body, "");
            if (username != null) {
                writeString(body, username);
            }
            if (password != null) {
                writeString(body, password);
            }
            OutputStream out = socket.getOutputStream();
            out.write(0x10);
            out.write(body.size());
            body.writeTo(out);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] connack = new byte[4];
            in.readFully(connack);
            assertArrayEquals(new byte[] {0x20, 0x02}, new byte[] {connack[0], connack[1]}, "a CONNACK");
            return connack[3];
        }
    }

    private static void writeString(java.io.ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.write(bytes, 0, bytes.length);
    }
}
