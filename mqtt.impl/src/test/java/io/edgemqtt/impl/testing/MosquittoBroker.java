package io.edgemqtt.impl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code mosquitto} process for interop tests: its own folder (generated {@code mosquitto.conf}, log file,
 * persistence folder, dynamic-security JSON), its own loopback port, started and stopped by this object.
 *
 * <p>Lifecycle: {@link #create(MosquittoConfig)} prepares the folder and the ports, {@link #start()} runs the process
 * and returns once the port accepts connections, {@link #stop()} sends SIGTERM (mosquitto saves its persistence),
 * {@link #kill()} sends SIGKILL, {@link #start()} again (or {@link #restart()}) runs it on the same port with the same
 * folder, {@link #close()} stops it and deletes the folder. Processes still running when the JVM exits are killed by a
 * shutdown hook. Tests normally use it through {@link MosquittoExtension}.
 */
public final class MosquittoBroker implements AutoCloseable {

    /** The name of the main listener in {@link #port(String)}. */
    public static final String PLAIN = "plain";

    private static final long START_TIMEOUT_MILLIS = 10_000;
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final long POLL_MILLIS = 20;
    private static final int START_ATTEMPTS = 3;

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "mosquitto-fixture-kill"));
    }

    private final MosquittoConfig config;
    private final Path executable;
    private final Path workDir;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private Process process;
    private boolean everStarted;
    private boolean closed;

    private MosquittoBroker(MosquittoConfig config, Path executable, Path workDir) {
        this.config = config;
        this.executable = executable;
        this.workDir = workDir;
    }

    /**
     * Prepares a broker (folder, ports, configuration) without starting it, so that a test can put files (e.g.
     * certificates for a TLS listener) into {@link #workDir()} first.
     *
     * @param config the configuration
     * @return the broker, not running
     * @throws IllegalStateException when mosquitto (or the dynamic-security plugin it needs) is not installed; see
     *         {@link InteropRequirement#assumeMosquittoOrFail(boolean)} for the skip-or-fail decision
     */
    public static MosquittoBroker create(MosquittoConfig config) {
        Path executable = MosquittoInstallation.executable()
                .orElseThrow(() -> new IllegalStateException(InteropRequirement.missingMessage("mosquitto")));
        try {
            Path workDir = Files.createTempDirectory("mosquitto-test-");
            MosquittoBroker broker = new MosquittoBroker(config, executable, workDir);
            broker.allocatePorts();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a mosquitto folder", e);
        }
    }

    /**
     * Creates and starts a broker.
     *
     * @param config the configuration
     * @return the running broker
     */
    public static MosquittoBroker start(MosquittoConfig config) {
        MosquittoBroker broker = create(config);
        try {
            return broker.start();
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
    }

    private void allocatePorts() {
        ports.clear();
        ports.put(PLAIN, Loopback.freePort());
        for (String name : config.listeners().keySet()) {
            int port;
            do {
                port = Loopback.freePort();
            } while (ports.containsValue(port));
            ports.put(name, port);
        }
    }

    /**
     * Starts mosquitto (again, after {@link #stop()} or {@link #kill()}: same ports, same folder) and waits until its
     * listeners accept connections.
     *
     * @return this
     * @throws IllegalStateException if it exits or does not listen within 10 s (the message has its log)
     */
    public synchronized MosquittoBroker start() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (isRunning()) {
            throw new IllegalStateException("already running, pid " + process.pid());
        }
        // Before the first successful start a port clash (another process took the port) is retried on new ports;
        // afterwards the ports are fixed: restart tests need the same address.
        int attempts = everStarted ? 1 : START_ATTEMPTS;
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                allocatePorts();
            }
            try {
                launch();
                everStarted = true;
                return this;
            } catch (IllegalStateException e) {
                failure = failure == null ? e : failure;
                if (!log().contains("Address already in use")) {
                    break;
                }
            }
        }
        throw failure;
    }

    private void launch() {
        try {
            writeConfiguration();
            Files.writeString(logFile(), "---- start " + LocalTime.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(executable.toString(), "-c", configFile().toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        }
        RUNNING.add(process);
        awaitListening();
    }

    /** Bounded polling: the listeners accept connections, or the process died, or 10 s passed. */
    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (true) {
            if (!process.isAlive()) {
                RUNNING.remove(process);
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + " during start"
                        + describe());
            }
            if (ports.values().stream().allMatch(port -> Loopback.accepts(port, 200)) && process.isAlive()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                killProcess();
                throw new IllegalStateException("mosquitto did not listen on " + ports + " within "
                        + START_TIMEOUT_MILLIS + " ms" + describe());
            }
            waitForExit(POLL_MILLIS);
        }
    }

    private boolean waitForExit(long millis) {
        try {
            process.onExit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * SIGTERM and wait for the exit (mosquitto writes its persistence on the way out).
     *
     * @return the exit code
     */
    public synchronized int stop() {
        if (process == null || !process.isAlive()) {
            return process == null ? 0 : process.exitValue();
        }
        process.destroy(); // SIGTERM on Unix
        if (!waitForExit(STOP_TIMEOUT_MILLIS)) {
            killProcess();
            throw new IllegalStateException("mosquitto ignored SIGTERM for " + STOP_TIMEOUT_MILLIS
                    + " ms and was killed" + describe());
        }
        RUNNING.remove(process);
        return process.exitValue();
    }

    /** SIGKILL ({@code kill -9}) and wait until the process is gone: no clean shutdown, no final save. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            killProcess();
        }
    }

    private void killProcess() {
        process.destroyForcibly();
        waitForExit(STOP_TIMEOUT_MILLIS);
        RUNNING.remove(process);
    }

    /**
     * {@link #stop()} then {@link #start()}: same port, same persistence.
     *
     * @return this
     */
    public synchronized MosquittoBroker restart() {
        stop();
        return start();
    }

    /** @return whether the process is alive */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * @return the operating system's process id of the running (or last) mosquitto
     * @throws IllegalStateException if it was never started
     */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("not started");
        }
        return process.pid();
    }

    /** @return the loopback host */
    public String host() {
        return Loopback.HOST;
    }

    /** @return the port of the plain MQTT listener */
    public synchronized int port() {
        return ports.get(PLAIN);
    }

    /**
     * @param listener {@link #PLAIN} or the name given to {@link MosquittoConfig.Builder#listener}
     * @return its port
     */
    public synchronized int port(String listener) {
        Integer port = ports.get(listener);
        if (port == null) {
            throw new IllegalArgumentException("no listener " + listener + " (have " + ports.keySet() + ")");
        }
        return port;
    }

    /** @return {@code tcp://127.0.0.1:<port>} of the plain listener */
    public String uri() {
        return "tcp://" + Loopback.HOST + ":" + port();
    }

    /** @return the configuration */
    public MosquittoConfig config() {
        return config;
    }

    /** @return the broker's own folder (configuration, log, persistence) */
    public Path workDir() {
        return workDir;
    }

    /** @return the persistence folder ({@code persistence_location}) */
    public Path persistenceDir() {
        return workDir.resolve("data");
    }

    /** @return mosquitto's persistence file (exists after the first save) */
    public Path persistenceFile() {
        return persistenceDir().resolve("mosquitto.db");
    }

    /** @return the generated configuration file */
    public Path configFile() {
        return workDir.resolve("mosquitto.conf");
    }

    /** @return the log file (stdout and stderr of every start) */
    public Path logFile() {
        return workDir.resolve("mosquitto.log");
    }

    /** @return the log so far, empty if none */
    public String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private String describe() {
        String log = log();
        int from = Math.max(0, log.length() - 4_000);
        return "\n  command: " + executable + " -c " + configFile() + "\n  log (" + logFile() + "):\n"
                + log.substring(from);
    }

    private void writeConfiguration() throws IOException {
        Files.createDirectories(persistenceDir());
        List<String> lines = new ArrayList<>();
        lines.add("# generated by " + getClass().getName());
        lines.add("per_listener_settings false");
        if (runningAsRoot()) {
            // as root mosquitto would switch to user mosquitto, which cannot use the files of this folder
            lines.add("user root");
        }
        lines.add("log_dest stderr");
        lines.add(config.verboseLog() ? "log_type all" : "log_type error\nlog_type warning\nlog_type notice"
                + "\nlog_type information");
        lines.add("connection_messages true");
        lines.add("log_timestamp true");
        lines.add("log_timestamp_format %H:%M:%S");
        lines.add("allow_anonymous true");
        lines.add("set_tcp_nodelay true");
        // the default window of 20 stalls queued outgoing QoS 2 messages in 2.0.11
        lines.add("max_inflight_messages 0");
        lines.add("max_queued_messages 1000000");
        lines.add("max_queued_bytes 0");
        if (config.persistence()) {
            lines.add("persistence true");
            lines.add("persistence_location " + persistenceDir() + "/");
            lines.add("autosave_interval 1");
        } else {
            lines.add("persistence false");
        }
        lines.add("");
        lines.add("listener " + port() + " " + Loopback.HOST);
        for (Map.Entry<String, MosquittoConfig.ListenerTemplate> listener : config.listeners().entrySet()) {
            lines.add("");
            lines.add(listener.getValue().lines(ports.get(listener.getKey()), workDir));
        }
        MosquittoConfig.DynamicSecurity dynsec = config.dynamicSecurity();
        if (dynsec != null) {
            Path plugin = MosquittoInstallation.dynamicSecurityPlugin().orElseThrow(() -> new IllegalStateException(
                    InteropRequirement.missingMessage("mosquitto's dynamic-security plugin")));
            Path json = workDir.resolve("dynamic-security.json");
            if (!Files.exists(json)) { // the plugin owns the file once it ran (it saves changes into it)
                Files.writeString(json, DynamicSecurityFile.json(dynsec), StandardCharsets.UTF_8);
            }
            lines.add("");
            lines.add("plugin " + plugin);
            lines.add("plugin_opt_config_file " + json);
        }
        for (String extra : config.extraConfig()) {
            lines.add("");
            lines.add(extra);
        }
        Files.writeString(configFile(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private boolean runningAsRoot() {
        try {
            // the owner of the folder this JVM just created is the JVM's user
            return Integer.valueOf(0).equals(Files.getAttribute(workDir, "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Stops (SIGTERM, then SIGKILL if needed) and deletes the folder; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (process != null && process.isAlive()) {
                try {
                    stop();
                } catch (IllegalStateException e) {
                    System.err.println("[testing] " + e.getMessage());
                }
            }
        } finally {
            closed = true;
            Loopback.deleteTree(workDir);
        }
    }

    @Override
    public String toString() {
        return "mosquitto at " + ports + (process == null ? "" : " pid " + process.pid())
                + (isRunning() ? "" : " (not running)");
    }
}
