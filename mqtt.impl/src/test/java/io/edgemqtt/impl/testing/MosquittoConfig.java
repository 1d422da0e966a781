package io.edgemqtt.impl.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link MosquittoBroker} is started with. Every configuration has a plain MQTT listener on 127.0.0.1 and the
 * settings the interop tests need whatever they test:
 * <ul>
 * <li>{@code max_inflight_messages 0} and a large {@code max_queued_messages}: Mosquitto 2.0.11's default window of
 * 20 stalls queued outgoing QoS 2 messages;</li>
 * <li>{@code allow_anonymous true};</li>
 * <li>{@code user root} when the tests run as root (mosquitto would otherwise drop to user {@code mosquitto} and could
 * not read or write the fixture's files).</li>
 * </ul>
 * Options: {@link Builder#persistence() persistence} for restart tests, the
 * {@link Builder#dynamicSecurity(String) dynamic-security plugin} to get SUBSCRIBE refusals, and
 * {@link Builder#listener(String, ListenerTemplate) extra listeners} (the hook for TLS) and
 * {@link Builder#extraConfig(String) extra lines}.
 */
public final class MosquittoConfig {

    /** The topic filter the dynamic-security role refuses by default. */
    public static final String DEFAULT_FORBIDDEN_FILTER = "forbidden/#";
    /** The user name tests log in as when dynamic security is on. */
    public static final String DEFAULT_USERNAME = "tester";
    /** Its password. */
    public static final String DEFAULT_PASSWORD = "tester-secret";

    /**
     * Writes the configuration lines of an additional listener, e.g. TLS:
     * <pre>
     * (port, dir) -&gt; "listener " + port + " 127.0.0.1\ncafile " + dir.resolve("ca.pem") + "\n..."
     * </pre>
     * The broker allocates the port; {@code workDir} is the broker's own folder (certificates can be written there
     * before {@link MosquittoBroker#start()}, see {@link MosquittoBroker#create(MosquittoConfig)}).
     */
    @FunctionalInterface
    public interface ListenerTemplate {
        /**
         * @param port the free loopback port allocated for this listener
         * @param workDir the broker's folder
         * @return mosquitto.conf lines starting with {@code listener <port> 127.0.0.1}
         */
        String lines(int port, Path workDir);
    }

    /** Dynamic-security settings: one role allowing everything except subscribing to a filter. */
    public static final class DynamicSecurity {
        private final String forbiddenFilter;
        private final String username;
        private final String password;

        DynamicSecurity(String forbiddenFilter, String username, String password) {
            this.forbiddenFilter = Objects.requireNonNull(forbiddenFilter);
            this.username = Objects.requireNonNull(username);
            this.password = Objects.requireNonNull(password);
        }

        /** @return the filter whose SUBSCRIBE is refused (and every filter it matches, and its parent level) */
        public String forbiddenFilter() {
            return forbiddenFilter;
        }

        /** @return the user tests log in as (anonymous clients get the same role) */
        public String username() {
            return username;
        }

        /** @return the user's password */
        public String password() {
            return password;
        }
    }

    private final boolean persistence;
    private final DynamicSecurity dynamicSecurity;
    private final boolean verboseLog;
    private final Map<String, ListenerTemplate> listeners;
    private final List<String> extraConfig;

    private MosquittoConfig(Builder builder) {
        this.persistence = builder.persistence;
        this.dynamicSecurity = builder.dynamicSecurity;
        this.verboseLog = builder.verboseLog;
        this.listeners = Collections.unmodifiableMap(new LinkedHashMap<>(builder.listeners));
        this.extraConfig = List.copyOf(builder.extraConfig);
    }

    /** @return a plain broker: one listener, no persistence, no authorisation */
    public static MosquittoConfig plain() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether the broker persists its state to its folder */
    public boolean persistence() {
        return persistence;
    }

    /** @return the dynamic-security settings, or null when the plugin is off */
    public DynamicSecurity dynamicSecurity() {
        return dynamicSecurity;
    }

    boolean verboseLog() {
        return verboseLog;
    }

    Map<String, ListenerTemplate> listeners() {
        return listeners;
    }

    List<String> extraConfig() {
        return extraConfig;
    }

    /** Builds a {@link MosquittoConfig}. */
    public static final class Builder {
        private boolean persistence;
        private DynamicSecurity dynamicSecurity;
        private boolean verboseLog;
        private final Map<String, ListenerTemplate> listeners = new LinkedHashMap<>();
        private final List<String> extraConfig = new ArrayList<>();

        private Builder() {
        }

        /**
         * Persistence in the broker's folder ({@code persistence_location}), saved every second
         * ({@code autosave_interval 1}) and on SIGTERM; the folder survives stop, kill and restart.
         *
         * @return this
         */
        public Builder persistence() {
            this.persistence = true;
            return this;
        }

        /**
         * The dynamic-security plugin with a role that allows everything except SUBSCRIBE to
         * {@value #DEFAULT_FORBIDDEN_FILTER}, given to user {@value #DEFAULT_USERNAME} and to anonymous clients.
         *
         * @return this
         */
        public Builder dynamicSecurity() {
            return dynamicSecurity(DEFAULT_FORBIDDEN_FILTER);
        }

        /**
         * @param forbiddenFilter the topic filter to refuse on SUBSCRIBE
         * @return this
         */
        public Builder dynamicSecurity(String forbiddenFilter) {
            return dynamicSecurity(forbiddenFilter, DEFAULT_USERNAME, DEFAULT_PASSWORD);
        }

        /**
         * @param forbiddenFilter the topic filter to refuse on SUBSCRIBE
         * @param username the user tests log in as
         * @param password its password
         * @return this
         */
        public Builder dynamicSecurity(String forbiddenFilter, String username, String password) {
            this.dynamicSecurity = new DynamicSecurity(forbiddenFilter, username, password);
            return this;
        }

        /**
         * Logs every packet ({@code log_type all}) to the broker's log file, which is printed when a test fails.
         *
         * @return this
         */
        public Builder verboseLog() {
            this.verboseLog = true;
            return this;
        }

        /**
         * An additional listener on a port of its own, e.g. TLS or mutual TLS; its port is
         * {@link MosquittoBroker#port(String)}.
         *
         * @param name the listener's name in the test, e.g. {@code "tls"}
         * @param template writes its configuration lines
         * @return this
         */
        public Builder listener(String name, ListenerTemplate template) {
            listeners.put(Objects.requireNonNull(name), Objects.requireNonNull(template));
            return this;
        }

        /**
         * Lines appended verbatim to the generated mosquitto.conf.
         *
         * @param lines configuration lines
         * @return this
         */
        public Builder extraConfig(String lines) {
            extraConfig.add(lines);
            return this;
        }

        /** @return the configuration */
        public MosquittoConfig build() {
            return new MosquittoConfig(this);
        }
    }
}
