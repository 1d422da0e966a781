package io.edgemqtt.tls.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A TLS profile's configuration, checked for consistency (which files go together, names well formed) but with no
 * file read yet. Passwords are held as characters for re-reading the files on rotation; {@link #toString()} never
 * shows them.
 */
final class ProfileSettings {
    static final String NAME = "name";
    static final String TRUST_ANCHORS = "trust.anchors";
    static final String CERTIFICATE_CHAIN = "certificate.chain";
    static final String PRIVATE_KEY = "private.key";
    static final String KEY_PASSWORD = ".key.password";
    static final String KEYSTORE = "keystore";
    static final String KEYSTORE_PASSWORD = ".keystore.password";
    static final String PROTOCOLS = "protocols";
    static final String CIPHER_SUITES = "cipher.suites";
    static final String ALPN = "alpn";

    private final String name;
    private final Path trustAnchors;
    private final Path certificateChain;
    private final Path privateKey;
    private final char[] keyPassword;
    private final Path keystore;
    private final char[] keystorePassword;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final boolean sni;
    private final List<String> alpn;
    private final boolean hostnameVerification;

    private ProfileSettings(Builder b) {
        this.name = b.name;
        this.trustAnchors = b.trustAnchors;
        this.certificateChain = b.certificateChain;
        this.privateKey = b.privateKey;
        this.keyPassword = b.keyPassword;
        this.keystore = b.keystore;
        this.keystorePassword = b.keystorePassword;
        this.protocols = List.copyOf(b.protocols);
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.sni = b.sni;
        this.alpn = List.copyOf(b.alpn);
        this.hostnameVerification = b.hostnameVerification;
    }

    /**
     * @param config the configuration
     * @param pid its {@code service.pid}, for the default name
     * @return the checked settings
     * @throws TlsConfigException naming the property at fault
     */
    static ProfileSettings from(TlsProfileConfig config, String pid) throws TlsConfigException {
        Builder b = builder(profileName(config.name(), pid));
        b.trustAnchors = path(TRUST_ANCHORS, config.trust_anchors());
        b.certificateChain = path(CERTIFICATE_CHAIN, config.certificate_chain());
        b.privateKey = path(PRIVATE_KEY, config.private_key());
        b.keyPassword = chars(config._key_password());
        b.keystore = path(KEYSTORE, config.keystore());
        b.keystorePassword = chars(config._keystore_password());
        b.protocols = list(config.protocols());
        b.cipherSuites = list(config.cipher_suites());
        b.sni = config.sni();
        b.alpn = list(config.alpn());
        b.hostnameVerification = config.hostname_verification();
        return b.build();
    }

    /**
     * @param configured the {@code name} property, may be empty
     * @param pid the configuration's PID ({@code mqtt.tls~NAME} for a named factory configuration)
     * @return the profile name
     */
    static String profileName(String configured, String pid) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        int tilde = pid.indexOf('~');
        return tilde >= 0 && tilde < pid.length() - 1 ? pid.substring(tilde + 1) : pid;
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    private static Path path(String property, String value) throws TlsConfigException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Paths.get(value.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new TlsConfigException(property, "'" + value + "' is not a valid file name: " + e.getReason());
        }
    }

    private static char[] chars(String password) {
        return password == null || password.isEmpty() ? null : password.toCharArray();
    }

    /** A .cfg file gives "a,b" as one string: split every element on commas. */
    private static List<String> list(String[] values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value == null) {
                    continue;
                }
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }

    String name() {
        return name;
    }

    Optional<Path> trustAnchors() {
        return Optional.ofNullable(trustAnchors);
    }

    Optional<Path> certificateChain() {
        return Optional.ofNullable(certificateChain);
    }

    Optional<Path> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** @return a copy of the key password, or null; the caller clears it after use */
    char[] keyPassword() {
        return keyPassword == null ? null : keyPassword.clone();
    }

    Optional<Path> keystore() {
        return Optional.ofNullable(keystore);
    }

    /** @return a copy of the key store password, or null */
    char[] keystorePassword() {
        return keystorePassword == null ? null : keystorePassword.clone();
    }

    boolean hasClientCertificate() {
        return keystore != null || certificateChain != null;
    }

    List<String> protocols() {
        return protocols;
    }

    List<String> cipherSuites() {
        return cipherSuites;
    }

    boolean sni() {
        return sni;
    }

    List<String> alpn() {
        return alpn;
    }

    boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** @return the files whose change on disk replaces the profile */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path file : Arrays.asList(trustAnchors, certificateChain, privateKey, keystore)) {
            if (file != null && !files.contains(file)) {
                files.add(file);
            }
        }
        return files;
    }

    @Override
    public String toString() {
        return "TLS profile " + name + " (trust.anchors=" + (trustAnchors == null ? "<Java runtime CAs>" : trustAnchors)
                + (keystore != null ? ", keystore=" + keystore : "")
                + (certificateChain != null ? ", certificate.chain=" + certificateChain + ", private.key=" + privateKey
                        : "")
                + ", protocols=" + protocols + ")";
    }

    /** Builds settings in tests and from the configuration. */
    static final class Builder {
        private final String name;
        private Path trustAnchors;
        private Path certificateChain;
        private Path privateKey;
        private char[] keyPassword;
        private Path keystore;
        private char[] keystorePassword;
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
        private List<String> cipherSuites = List.of();
        private boolean sni = true;
        private List<String> alpn = List.of();
        private boolean hostnameVerification = true;

        private Builder(String name) {
            this.name = name;
        }

        Builder trustAnchors(Path file) {
            this.trustAnchors = file;
            return this;
        }

        Builder clientKey(Path chain, Path key, String password) {
            this.certificateChain = chain;
            this.privateKey = key;
            this.keyPassword = chars(password);
            return this;
        }

        Builder keystore(Path file, String password) {
            this.keystore = file;
            this.keystorePassword = chars(password);
            return this;
        }

        Builder protocols(String... names) {
            this.protocols = List.of(names);
            return this;
        }

        Builder cipherSuites(String... names) {
            this.cipherSuites = List.of(names);
            return this;
        }

        Builder sni(boolean on) {
            this.sni = on;
            return this;
        }

        Builder alpn(String... names) {
            this.alpn = List.of(names);
            return this;
        }

        Builder hostnameVerification(boolean on) {
            this.hostnameVerification = on;
            return this;
        }

        ProfileSettings build() throws TlsConfigException {
            if (name.isBlank()) {
                throw new TlsConfigException(NAME, "the profile name is empty");
            }
            if (keystore != null && (certificateChain != null || privateKey != null)) {
                throw new TlsConfigException(KEYSTORE, "set either 'keystore' or 'certificate.chain' with"
                        + " 'private.key', not both");
            }
            if (certificateChain != null && privateKey == null) {
                throw new TlsConfigException(PRIVATE_KEY, "is empty, but 'certificate.chain' is set: a client"
                        + " certificate needs its private key");
            }
            if (privateKey != null && certificateChain == null) {
                throw new TlsConfigException(CERTIFICATE_CHAIN, "is empty, but 'private.key' is set: a private key"
                        + " needs its certificate");
            }
            if (protocols.isEmpty()) {
                throw new TlsConfigException(PROTOCOLS, "is empty: name at least one TLS version, e.g. TLSv1.3");
            }
            for (String name : alpn) {
                int length = name.getBytes(StandardCharsets.UTF_8).length;
                if (length > 255) {
                    throw new TlsConfigException(ALPN, "'" + name + "' is longer than 255 bytes");
                }
            }
            return new ProfileSettings(this);
        }
    }
}
