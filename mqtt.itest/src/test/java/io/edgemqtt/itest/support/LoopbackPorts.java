package io.edgemqtt.itest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free loopback ports, for brokers started by the tests. JDK types only: usable inside the framework too. */
public final class LoopbackPorts {
    private LoopbackPorts() {}

    /** @return a loopback port that is free now (the kernel picks it, as for a bind to port 0) */
    public static int free() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }
}
