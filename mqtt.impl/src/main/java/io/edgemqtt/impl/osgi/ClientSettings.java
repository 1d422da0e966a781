package io.edgemqtt.impl.osgi;

import io.edgemqtt.api.ConnectOptions;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.OverflowPolicy;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReconnectPolicy;
import io.edgemqtt.api.Will;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@code mqtt.client} configuration, checked and turned into client options. */
final class ClientSettings {
    final String name;
    final ConnectOptions options;
    final String tlsProfile;
    final Path persistenceDirectory;

    private ClientSettings(String name, ConnectOptions options, String tlsProfile, Path persistenceDirectory) {
        this.name = name;
        this.options = options;
        this.tlsProfile = tlsProfile;
        this.persistenceDirectory = persistenceDirectory;
    }

    boolean needsTls() {
        return options.serverUris().stream().map(URI::getScheme).map(s -> s.toLowerCase(Locale.ROOT))
                .anyMatch(s -> s.equals("ssl") || s.equals("mqtts"));
    }

    /**
     * @param properties the configuration's properties
     * @return the settings
     * @throws InvalidConfigurationException naming the first property that cannot be used
     */
    static ClientSettings parse(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues config = new ConfigValues(properties);
        String name = config.string("name", "");
        if (name.isEmpty()) {
            name = configurationName(config);
        }
        ConnectOptions.Builder options = ConnectOptions.builder();
        List<String> uris = config.strings("serverUris", List.of("tcp://127.0.0.1:1883"));
        for (String uri : uris) {
            try {
                options.serverUri(uri);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("serverUris", e.getMessage());
            }
        }
        try {
            options.protocolVersion(MqttVersion.parse(config.string("protocolVersion", "3.1.1")));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("protocolVersion", e.getMessage());
        }
        String clientId = config.string("clientId", "");
        if (clientId.indexOf('\u0000') >= 0) {
            throw new InvalidConfigurationException("clientId", "must not contain U+0000");
        }
        options.clientId(clientId)
                .cleanStart(config.bool("cleanStart", true))
                .sessionExpiryInterval(config.number("sessionExpiryInterval", 0, 0, 0xFFFF_FFFFL))
                .keepAliveSeconds(config.integer("keepAlive", 60, 0, 65_535));
        String username = config.string("username", "");
        if (!username.isEmpty()) {
            options.username(username);
        }
        String password = config.string(".password", "");
        if (!password.isEmpty()) {
            options.password(password);
        }
        String willTopic = config.string("will.topic", "");
        if (!willTopic.isEmpty()) {
            if (willTopic.contains("+") || willTopic.contains("#")) {
                throw new InvalidConfigurationException("will.topic", "'" + willTopic
                        + "' must not contain wildcards");
            }
            options.will(Will.of(MqttMessage.builder(willTopic)
                    .payload(config.string("will.payload", ""))
                    .qos(Qos.of(config.integer("will.qos", 1, 0, 2)))
                    .retain(config.bool("will.retain", false))
                    .build()));
        }
        options.inflightWindow(config.integer("inflightWindow", ConnectOptions.DEFAULT_INFLIGHT_WINDOW, 1, 65_535))
                .receiveQueue(config.integer("receiveQueueCapacity", ConnectOptions.DEFAULT_RECEIVE_QUEUE_CAPACITY,
                        1, Integer.MAX_VALUE),
                        config.choice("receiveOverflowPolicy", OverflowPolicy.class, OverflowPolicy.DROP_OLDEST));
        OverflowPolicy offlinePolicy =
                config.choice("offlineOverflowPolicy", OverflowPolicy.class, OverflowPolicy.DROP_NEWEST);
        if (offlinePolicy == OverflowPolicy.BACK_PRESSURE) {
            throw new InvalidConfigurationException("offlineOverflowPolicy", "BACK_PRESSURE is only for the receive "
                    + "queue; use DROP_NEWEST or DROP_OLDEST");
        }
        options.offlineBuffer(config.integer("offlineBufferCapacity", ConnectOptions.DEFAULT_OFFLINE_BUFFER_CAPACITY,
                0, Integer.MAX_VALUE), offlinePolicy);
        if (config.bool("reconnect.enabled", true)) {
            long initial = config.number("reconnect.initialDelayMs", 1000, 1, Long.MAX_VALUE / 2);
            long max = config.number("reconnect.maxDelayMs", 120_000, 1, Long.MAX_VALUE / 2);
            if (max < initial) {
                throw new InvalidConfigurationException("reconnect.maxDelayMs", max
                        + " is shorter than reconnect.initialDelayMs " + initial);
            }
            options.reconnectPolicy(ReconnectPolicy.exponential(Duration.ofMillis(initial), Duration.ofMillis(max),
                    2.0, 0.25));
        } else {
            options.reconnectPolicy(ReconnectPolicy.DISABLED);
        }
        options.maximumPacketSize(config.integer("maximumPacketSize", ConnectOptions.DEFAULT_MAXIMUM_PACKET_SIZE, 16,
                        ConnectOptions.PROTOCOL_MAXIMUM_PACKET_SIZE))
                .maximumPayloadSize(config.integer("maximumPayloadSize", 0, 0,
                        ConnectOptions.PROTOCOL_MAXIMUM_PACKET_SIZE))
                .connectTimeout(Duration.ofSeconds(config.integer("connectTimeout", 30, 1, 3600)));
        ConnectOptions built;
        try {
            built = options.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("clientId", e.getMessage());
        }
        String persistence = config.string("persistence.directory", "");
        if (!persistence.isEmpty() && built.clientId().isEmpty()) {
            throw new InvalidConfigurationException("persistence.directory",
                    "a persistent session store needs a fixed clientId");
        }
        ClientSettings settings = new ClientSettings(name, built, config.string("tls.profile", ""),
                persistence.isEmpty() ? null : Path.of(persistence));
        if (settings.needsTls() && settings.tlsProfile.isEmpty()) {
            throw new InvalidConfigurationException("tls.profile",
                    "the server URIs use TLS (ssl:// or mqtts://) but no TLS profile is named");
        }
        return settings;
    }

    /** The factory configuration's own name: {@code mqtt.client~NAME} or FileInstall's {@code mqtt.client-NAME.cfg}. */
    private static String configurationName(ConfigValues config) {
        String pid = config.string("service.pid", "");
        int tilde = pid.indexOf('~');
        if (tilde >= 0) {
            return pid.substring(tilde + 1);
        }
        String file = config.string("felix.fileinstall.filename", "");
        String prefix = ClientConfiguration.PID + "-";
        int start = file.lastIndexOf(prefix);
        if (start >= 0) {
            String rest = file.substring(start + prefix.length());
            int dot = rest.lastIndexOf('.');
            return dot > 0 ? rest.substring(0, dot) : rest;
        }
        return pid.isEmpty() ? "default" : pid;
    }
}
