package io.edgemqtt.impl.testing;

import com.hivemq.embedded.EmbeddedHiveMQ;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ CE embedded in the test JVM: MQTT 3.1.1 and 5 on a free loopback port, in-memory persistence, no usage
 * statistics, no extensions, HiveMQ's own logging bootstrap off (logback-test.xml decides; it is at WARN).
 *
 * <p>It starts in about 0.7 s and stops in about 4 s, so tests share one per JVM: {@link #shared()} starts it on first
 * use and it is stopped when the JUnit run ends ({@link HiveMqExtension}) or, at the latest, by a JVM shutdown hook.
 * Tests must therefore not depend on broker state left by other classes: use unique client ids and topics (see
 * {@link #uniqueTopic(String)}). A test that needs a broker of its own (e.g. to stop it) uses {@link #startPrivate()}
 * and closes it.
 */
public final class HiveMqBroker implements AutoCloseable {

    private static final int START_ATTEMPTS = 3;
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private static HiveMqBroker shared;

    private final EmbeddedHiveMQ hivemq;
    private final int port;
    private final Path home;
    private boolean closed;

    private HiveMqBroker(EmbeddedHiveMQ hivemq, int port, Path home) {
        this.hivemq = hivemq;
        this.port = port;
        this.home = home;
    }

    /**
     * The broker shared by all tests of this JVM, started on first call. Never close it: it is stopped at the end of
     * the run.
     *
     * @return the running shared broker
     */
    public static synchronized HiveMqBroker shared() {
        if (shared == null || shared.closed) {
            HiveMqBroker broker = startPrivate();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "hivemq-embedded-stop"));
            shared = broker;
        }
        return shared;
    }

    /** Stops the shared broker if it was started (end of the test run); idempotent. */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
        }
    }

    /**
     * Starts a broker of its own; the caller closes it.
     *
     * @return the running broker
     */
    public static HiveMqBroker startPrivate() {
        return startPrivate("");
    }

    /**
     * Starts a broker of its own with MQTT settings of its own; the caller closes it.
     *
     * @param mqttSettings the content of config.xml's {@code <mqtt>} element, e.g.
     *     {@code <keep-alive><max-keep-alive>3</max-keep-alive></keep-alive>}; empty for HiveMQ's defaults
     * @return the running broker
     */
    public static HiveMqBroker startPrivate(String mqttSettings) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = Loopback.freePort();
            Path home = createHome(port, mqttSettings);
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(home.resolve("conf"))
                    .withDataFolder(home.resolve("data"))
                    .withExtensionsFolder(home.resolve("extensions"))
                    .withoutLoggingBootstrap()
                    .build();
            HiveMqBroker broker = new HiveMqBroker(hivemq, port, home);
            try {
                hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                // HiveMQ logs a listener that failed to bind and starts anyway: check that our port really answers.
                if (Loopback.accepts(port, 2_000)) {
                    return broker;
                }
                last = new IllegalStateException("HiveMQ started but does not accept connections on port " + port);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                broker.close();
                throw new IllegalStateException("interrupted while starting HiveMQ", e);
            } catch (ExecutionException | TimeoutException e) {
                last = new IllegalStateException("HiveMQ did not start on port " + port, e);
            }
            broker.close();
        }
        throw last;
    }

    private static Path createHome(int port, String mqttSettings) {
        try {
            Path home = Files.createTempDirectory("hivemq-test-");
            Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("extensions"));
            Files.writeString(home.resolve("conf").resolve("config.xml"), configXml(port, mqttSettings),
                    StandardCharsets.UTF_8);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a HiveMQ home folder", e);
        }
    }

    static String configXml(int port) {
        return configXml(port, "");
    }

    static String configXml(int port, String mqttSettings) {
        return "<?xml version=\"1.0\"?>\n"
                + "<hivemq>\n"
                + "  <listeners>\n"
                + "    <tcp-listener>\n"
                + "      <port>" + port + "</port>\n"
                + "      <bind-address>" + Loopback.HOST + "</bind-address>\n"
                + "    </tcp-listener>\n"
                + "  </listeners>\n"
                + "  <persistence>\n"
                + "    <mode>in-memory</mode>\n"
                + "  </persistence>\n"
                + (mqttSettings.isEmpty() ? "" : "  <mqtt>\n    " + mqttSettings + "\n  </mqtt>\n")
                + "  <anonymous-usage-statistics>\n"
                + "    <enabled>false</enabled>\n"
                + "  </anonymous-usage-statistics>\n"
                + "</hivemq>\n";
    }

    /** @return the loopback host the broker listens on */
    public String host() {
        return Loopback.HOST;
    }

    /** @return the TCP port of its MQTT listener */
    public int port() {
        return port;
    }

    /** @return {@code tcp://127.0.0.1:<port>} */
    public String uri() {
        return "tcp://" + Loopback.HOST + ":" + port;
    }

    /**
     * @param prefix a readable prefix, e.g. the test's name
     * @return a topic no other test uses (the shared broker keeps retained messages across test classes)
     */
    public static String uniqueTopic(String prefix) {
        return "test/" + prefix + "/" + Long.toHexString(System.nanoTime());
    }

    /** Stops the broker (about 4 s) and deletes its folder; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            hivemq.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            System.err.println("[testing] HiveMQ did not stop cleanly: " + e);
        } finally {
            Loopback.deleteTree(home);
        }
    }

    @Override
    public String toString() {
        return "HiveMQ CE embedded at " + uri();
    }
}
