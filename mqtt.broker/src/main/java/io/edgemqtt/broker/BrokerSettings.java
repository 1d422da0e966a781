package io.edgemqtt.broker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A {@code mqtt.broker} configuration, checked. Values come as Config Admin types or as strings (.cfg files). */
final class BrokerSettings {
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    static final int DEFAULT_PORT = 1883;
    static final String DEFAULT_PERSISTENCE_DIRECTORY = "runtime-data/broker";
    static final int DEFAULT_MAXIMUM_MESSAGE_SIZE = 1_048_576;
    /** MQTT's remaining length ends at 268 435 455; a packet is at most a few bytes more. */
    static final int LARGEST_MESSAGE_SIZE = 268_435_455;

    final boolean enabled;
    final InetAddress bindAddress;
    final int port;
    final boolean portFallback;
    /** Empty: in memory only. */
    final Optional<Path> persistenceDirectory;
    final int maximumMessageSize;
    final boolean allowAnonymous;
    /** Empty: every user name and password is accepted. */
    final Optional<Credentials> credentials;

    /** The one user the broker knows; the password is kept as bytes and never printed. */
    static final class Credentials {
        final String username;
        private final byte[] password;

        Credentials(String username, byte[] password) {
            this.username = username;
            this.password = password.clone();
        }

        byte[] password() {
            return password.clone();
        }

        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }

    private BrokerSettings(boolean enabled, InetAddress bindAddress, int port, boolean portFallback,
            Optional<Path> persistenceDirectory, int maximumMessageSize, boolean allowAnonymous,
            Optional<Credentials> credentials) {
        this.enabled = enabled;
        this.bindAddress = bindAddress;
        this.port = port;
        this.portFallback = portFallback;
        this.persistenceDirectory = persistenceDirectory;
        this.maximumMessageSize = maximumMessageSize;
        this.allowAnonymous = allowAnonymous;
        this.credentials = credentials;
    }

    /**
     * @param properties the configuration's properties
     * @return the settings
     * @throws InvalidConfigurationException naming the first property that cannot be used
     */
    static BrokerSettings parse(Map<String, ?> properties) throws InvalidConfigurationException {
        boolean enabled = bool(properties, "enabled", true);
        String address = string(properties, "bindAddress", DEFAULT_BIND_ADDRESS);
        InetAddress bindAddress;
        try {
            bindAddress = InetAddress.getByName(address);
        } catch (UnknownHostException | SecurityException e) {
            throw new InvalidConfigurationException("bindAddress", "'" + address + "' is not an address of this host");
        }
        int port = (int) number(properties, "port", DEFAULT_PORT, 0, 65_535);
        boolean portFallback = bool(properties, "portFallback", true);
        Optional<Path> persistence = Optional.empty();
        if (bool(properties, "persistence.enabled", true)) {
            String directory = string(properties, "persistence.directory", DEFAULT_PERSISTENCE_DIRECTORY);
            if (directory.isEmpty()) {
                throw new InvalidConfigurationException("persistence.directory",
                        "is empty (set persistence.enabled=false to keep everything in memory)");
            }
            try {
                persistence = Optional.of(Path.of(directory).toAbsolutePath().normalize());
            } catch (InvalidPathException e) {
                throw new InvalidConfigurationException("persistence.directory", "'" + directory
                        + "' is not a path: " + e.getReason());
            }
        }
        int maximumMessageSize = (int) number(properties, "maximumMessageSize", DEFAULT_MAXIMUM_MESSAGE_SIZE, 1024,
                LARGEST_MESSAGE_SIZE);
        boolean allowAnonymous = bool(properties, "allowAnonymous", bindAddress.isLoopbackAddress());
        String username = string(properties, "username", "");
        String password = string(properties, ".password", "");
        Optional<Credentials> credentials = Optional.empty();
        if (!username.isEmpty()) {
            if (password.isEmpty()) {
                throw new InvalidConfigurationException(".password", "is needed with username '" + username + "'");
            }
            credentials = Optional.of(new Credentials(username, password.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } else if (!password.isEmpty()) {
            throw new InvalidConfigurationException("username", "is needed with a .password");
        }
        if (!allowAnonymous && credentials.isEmpty()) {
            throw new InvalidConfigurationException("allowAnonymous",
                    "is false, but no username and .password are set: no client could connect");
        }
        return new BrokerSettings(enabled, bindAddress, port, portFallback, persistence, maximumMessageSize,
                allowAnonymous, credentials);
    }

    private static Object value(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        if (value instanceof String && ((String) value).isBlank()) {
            return null;
        }
        if (value instanceof String[] && ((String[]) value).length == 1) {
            return value(Map.of(key, ((String[]) value)[0]), key);
        }
        return value;
    }

    private static String string(Map<String, ?> properties, String key, String fallback)
            throws InvalidConfigurationException {
        Object value = value(properties, key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String) {
            return ((String) value).trim();
        }
        if (value instanceof String[]) {
            throw new InvalidConfigurationException(key, "takes one value, not " + Arrays.toString((String[]) value));
        }
        return value.toString();
    }

    private static boolean bool(Map<String, ?> properties, String key, boolean fallback)
            throws InvalidConfigurationException {
        Object value = value(properties, key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        String text = string(properties, key, "").toLowerCase(Locale.ROOT);
        switch (text) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new InvalidConfigurationException(key, "'" + text + "' is not true or false");
        }
    }

    private static long number(Map<String, ?> properties, String key, long fallback, long min, long max)
            throws InvalidConfigurationException {
        Object value = value(properties, key);
        if (value == null) {
            return fallback;
        }
        long number;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else {
            String text = string(properties, key, "");
            try {
                number = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException(key, "'" + text + "' is not a whole number");
            }
        }
        if (number < min || number > max) {
            throw new InvalidConfigurationException(key, number + " is not between " + min + " and " + max);
        }
        return number;
    }
}
