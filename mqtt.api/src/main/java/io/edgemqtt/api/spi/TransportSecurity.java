package io.edgemqtt.api.spi;

import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A TLS profile: what the engine uses to secure a connection to an {@code ssl://} or {@code mqtts://} server. The
 * {@code mqtt.tls} bundle registers one service of this type per configured profile, with the service property
 * {@value #PROFILE_PROPERTY}; a client configuration selects it by that name.
 *
 * <p>The engine drives TLS through {@link #createEngine(String, int)} on its own non-blocking I/O; implementations
 * configure everything on the engine they return (protocols, cipher suites, SNI, ALPN, hostname verification, client
 * certificate). When the material changes, the provider registers a new service; connections already open keep the old
 * one until they reconnect.
 */
@ConsumerType
public interface TransportSecurity {
    /** Service property: the profile name. */
    String PROFILE_PROPERTY = "mqtt.tls.profile";

    /** @return the profile name */
    String profileName();

    /**
     * @param host the server host name as written in the URI (for SNI and hostname verification)
     * @param port the server port
     * @return a new client-mode engine, fully configured, handshake not started
     */
    SSLEngine createEngine(String host, int port);

    /** @return the context behind {@link #createEngine(String, int)}, for users that need sockets */
    SSLContext sslContext();

    /**
     * Explains a failed handshake in words a user can act on: untrusted server certificate, hostname mismatch,
     * expired certificate, a broker that requires a client certificate, and so on. Never includes key material.
     *
     * @param failure the exception the handshake ended with
     * @return the explanation, or empty to let the engine report the exception as it is
     */
    default Optional<String> explain(Throwable failure) {
        return Optional.empty();
    }
}
