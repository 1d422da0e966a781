package io.edgemqtt.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One running Moquette broker. Every thread the broker creates (Netty's event loops, Moquette's session loops and
 * scheduler, H2's) descends from a thread of this broker's own {@link ThreadGroup}: start and stop run on such a
 * thread, and Java threads inherit the group of the thread that creates them. Stopping therefore knows which threads
 * must end, waits for them, and names any that do not.
 */
final class EmbeddedBroker {
    /** How long {@link #stop()} waits for the broker's threads after Moquette returned. */
    private static final long THREADS_END_SECONDS = 20;
    /** How often a port chosen free is tried when another process takes it before the broker binds it. */
    private static final int FREE_PORT_ATTEMPTS = 3;

    private final BrokerSettings settings;
    private final ThreadGroup threads;
    private final ClassLoader classLoader = EmbeddedBroker.class.getClassLoader();
    private Server server;
    private int port;
    private boolean fellBack;

    /** Thrown when the broker cannot start; the message is one sentence for the log. */
    static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;

        StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private EmbeddedBroker(BrokerSettings settings, String name) {
        this.settings = settings;
        this.threads = new ThreadGroup(name);
    }

    /**
     * Starts a broker with these settings; returns when it listens.
     *
     * @param settings the checked configuration
     * @param name the name of the broker's thread group
     * @return the running broker
     * @throws StartException if it cannot start (nothing is left running then)
     */
    static EmbeddedBroker start(BrokerSettings settings, String name) throws StartException {
        EmbeddedBroker broker = new EmbeddedBroker(settings, name);
        try {
            broker.inOwnThread("start", () -> {
                broker.startServer();
                return null;
            });
        } catch (StartException e) {
            broker.stop();
            throw e;
        }
        return broker;
    }

    /** @return the port the broker listens on */
    int port() {
        return port;
    }

    /** @return true if the configured port was taken and the broker listens on another one */
    boolean fellBack() {
        return fellBack;
    }

    /**
     * Stops the broker and waits until every thread it created has ended.
     *
     * @return the names of the broker's threads still alive after the wait (empty when all ended)
     */
    List<String> stop() {
        try {
            inOwnThread("stop", () -> {
                if (server != null) {
                    server.stopServer();
                    server = null;
                }
                return null;
            });
        } catch (StartException e) {
            // stopServer failed half way: the threads below say what is left
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(THREADS_END_SECONDS);
        List<Thread> alive = aliveThreads();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            try {
                alive.get(0).join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            alive = aliveThreads();
        }
        return alive.stream().map(Thread::getName).sorted().collect(Collectors.toList());
    }

    private List<Thread> aliveThreads() {
        Thread[] list = new Thread[threads.activeCount() + 16];
        int count = threads.enumerate(list, true);
        List<Thread> alive = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (list[i].isAlive() && list[i] != Thread.currentThread()) {
                alive.add(list[i]);
            }
        }
        return alive.isEmpty() ? Collections.emptyList() : alive;
    }

    /** Runs {@code work} on a new thread of the broker's group, with this bundle as context class loader. */
    private void inOwnThread(String what, Callable<Void> work) throws StartException {
        FutureTask<Void> task = new FutureTask<>(work);
        Thread thread = new Thread(threads, task, threads.getName() + "-" + what);
        thread.setContextClassLoader(classLoader);
        thread.start();
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException("interrupted while the broker was asked to " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StartException) {
                throw (StartException) cause;
            }
            throw new StartException(describe(cause), cause);
        }
    }

    private void startServer() throws StartException {
        String host = settings.bindAddress.getHostAddress();
        boolean chooseFreePort = settings.port == 0;
        if (!chooseFreePort && !free(settings.port)) {
            if (!settings.portFallback) {
                throw new StartException("port " + settings.port + " on " + host
                        + " is taken (and portFallback is false)", null);
            }
            chooseFreePort = true;
            fellBack = true;
        }
        Properties properties = properties(host);
        IAuthenticator authenticator = settings.credentials.map(EmbeddedBroker::authenticator).orElse(null);
        // The port is always chosen here and handed to Moquette, never read back: Moquette 0.17 records it in a plain
        // HashMap from its event loop, and getPort() writes a 0 into that map when the entry is not there yet, so a
        // caller polling it can lose the real value for good (seen in CI: a broker that never reported its port).
        for (int attempt = 1; ; attempt++) {
            int candidate = chooseFreePort ? anyFreePort() : settings.port;
            properties.setProperty("port", Integer.toString(candidate));
            Server started = new Server();
            server = started; // stop() cleans up a half-started server too
            try {
                // returns once Netty's bind completed; a failed bind throws "Cannot bind to port: N"
                started.startServer(new MemoryConfig(properties), null, null, authenticator, null);
                port = candidate;
                return;
            } catch (IOException | RuntimeException e) {
                if (!chooseFreePort || attempt == FREE_PORT_ATTEMPTS || !(rootCause(e) instanceof BindException)) {
                    throw new StartException(describe(e), e);
                }
                // the free port was taken between our probe and Moquette's bind: clean up and take another one
                started.stopServer();
                server = null;
            }
        }
    }

    private Properties properties(String host) throws StartException {
        Properties properties = new Properties();
        properties.setProperty("host", host);
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("allow_anonymous", Boolean.toString(settings.allowAnonymous));
        // MQTT 3.1.1 lets a clean-session client leave its id to the broker
        properties.setProperty("allow_zero_byte_client_id", "true");
        properties.setProperty("netty.mqtt.message_size", Integer.toString(settings.maximumMessageSize));
        properties.setProperty("buffer_flush_millis", "immediate");
        properties.setProperty("netty.epoll", "false"); // the native transport is not embedded
        // Moquette 0.17 sends usage data to its authors unless told not to; metrics and error reporting stay off
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("use_metrics", "false");
        properties.setProperty("use_bugsnag", "false");
        if (settings.persistenceDirectory.isPresent()) {
            try {
                Files.createDirectories(settings.persistenceDirectory.get());
            } catch (IOException e) {
                throw new StartException("cannot create the persistence folder " + settings.persistenceDirectory.get()
                        + ": " + describe(e), e);
            }
            properties.setProperty("persistence_enabled", "true");
            properties.setProperty("data_path", settings.persistenceDirectory.get().toString());
            // H2 for the queues too: the segmented store allocates 64 MiB pages
            properties.setProperty("persistent_queue_type", "h2");
            properties.setProperty("autosave_interval", "1");
        } else {
            properties.setProperty("persistence_enabled", "false");
            properties.setProperty("persistent_queue_type", "h2");
        }
        return properties;
    }

    /** A port that is free on the bind address now; the kernel picks it, as for a bind to port 0. */
    private int anyFreePort() throws StartException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(settings.bindAddress, 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new StartException("cannot find a free port on " + settings.bindAddress.getHostAddress() + ": "
                    + describe(e), e);
        }
    }

    private boolean free(int candidate) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Netty binds: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(settings.bindAddress, candidate));
            return true;
        } catch (BindException e) {
            return false;
        } catch (IOException e) {
            return true; // not a matter of the port being taken: Moquette's bind reports it
        }
    }

    private static IAuthenticator authenticator(BrokerSettings.Credentials credentials) {
        return (clientId, username, password) -> credentials.username.equals(username)
                && password != null && MessageDigest.isEqual(credentials.password(), password);
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** One line for the log: the innermost message that says something, with its type when it says little. */
    static String describe(Throwable error) {
        Throwable cause = rootCause(error);
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getName();
        }
        return cause instanceof IOException || cause instanceof RuntimeException
                ? message + " (" + cause.getClass().getSimpleName() + ")"
                : message;
    }
}
