package io.edgemqtt.itest.support;

import io.moquette.broker.Server;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A real MQTT 3.1.1 broker (Moquette) in the test JVM, outside the framework: started once per JVM from a test's
 * {@code @Configuration} method (the driver side), stopped by a shutdown hook. Never reference this class from a test
 * method: test classes are loaded again inside the framework, where Moquette's packages do not exist.
 *
 * <p>Tests inside the framework reach it through JDK types only: the port as system property {@link
 * TestRuntime#BROKER_PORT_PROPERTY}, and {@link #DISCONNECT_HOOK} in the system properties, a {@code
 * Consumer<String>} that makes the broker drop a client by its client id (a broker-side disconnect).
 */
public final class TestBroker {
    /** System-properties key of the {@code Consumer<String>} that disconnects a client by id. */
    public static final String DISCONNECT_HOOK = "itest.broker.disconnect";

    private static Server server;
    private static int port;

    private TestBroker() {}

    /**
     * @return the options that tell the framework where the broker is; starts it on first use
     */
    public static synchronized org.ops4j.pax.exam.Option start() {
        if (server == null) {
            MoquetteOnFreePorts.Started started = MoquetteOnFreePorts.start("test broker", 1, TestBroker::properties,
                    (candidate, config) -> candidate.startServer(config));
            server = started.server;
            port = started.ports[0];
            Consumer<String> disconnect = server::disconnectClient;
            System.getProperties().put(DISCONNECT_HOOK, disconnect);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopServer, "test-broker-stop"));
        }
        return TestRuntime.brokerPort(port);
    }

    private static Properties properties(int[] ports) {
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", Integer.toString(ports[0]));
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("netty.mqtt.message_size", "1048576");
        return properties;
    }
}
