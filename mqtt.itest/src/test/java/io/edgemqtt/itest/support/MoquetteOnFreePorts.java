package io.edgemqtt.itest.support;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.util.Properties;
import java.util.function.Function;

/**
 * Starts a driver-side Moquette on loopback ports chosen here and handed to it, never read back: Moquette 0.17 records
 * the port it bound in a plain HashMap from its event loop, and its {@code getPort()} puts a 0 there when the entry is
 * missing, so polling it races and can report 0 for good. A port taken between the probe and Moquette's bind is
 * retried with new ones.
 */
final class MoquetteOnFreePorts {
    private static final int ATTEMPTS = 3;

    /** Starts the server with the configuration built for the ports. */
    interface Starter {
        void start(Server server, MemoryConfig config) throws IOException;
    }

    /** A started server and the ports it listens on. */
    static final class Started {
        final Server server;
        final int[] ports;

        private Started(Server server, int[] ports) {
            this.server = server;
            this.ports = ports;
        }
    }

    private MoquetteOnFreePorts() {}

    /**
     * @param what the broker, for the error
     * @param portCount how many ports the configuration needs
     * @param configuration the configuration for these ports
     * @param starter how to start the server
     * @return the running server and its ports
     */
    static Started start(String what, int portCount, Function<int[], Properties> configuration, Starter starter) {
        for (int attempt = 1; ; attempt++) {
            int[] ports = new int[portCount];
            for (int i = 0; i < portCount; i++) {
                ports[i] = LoopbackPorts.free();
            }
            Server server = new Server();
            try {
                starter.start(server, new MemoryConfig(configuration.apply(ports)));
                return new Started(server, ports);
            } catch (IOException | RuntimeException e) {
                server.stopServer();
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("cannot start the " + what + " on 127.0.0.1", e);
                }
            }
        }
    }
}
