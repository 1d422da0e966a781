package io.edgemqtt.tls.internal;

import io.edgemqtt.api.spi.TransportSecurity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Profiles and server contexts for tests outside this package (the transport tests). */
public final class TestProfiles {
    private final TestPki pki;
    private final Path dir;

    /**
     * @param dir where to write the CA file
     */
    public TestProfiles(Path dir) {
        this.pki = TestPki.newCa("transport CA");
        this.dir = dir;
    }

    /**
     * @param protocols the TLS versions to offer
     * @return a profile that trusts this CA, no client certificate
     * @throws Exception if it cannot be built
     */
    public TransportSecurity client(String... protocols) throws Exception {
        return BcTransportSecurity.create(ProfileSettings.builder("transport-test")
                .trustAnchors(pki.writeCa(dir.resolve("transport-ca.pem"))).protocols(protocols).build());
    }

    /**
     * A server context of the Java runtime's own provider (SunJSSE: it can send TLS 1.3 key updates on demand).
     *
     * @param trusted false for a certificate from a CA the client does not trust
     * @return the context
     * @throws Exception if it cannot be built
     */
    public SSLContext serverContext(boolean trusted) throws Exception {
        TestPki.Issued server = (trusted ? pki : TestPki.newCa("stranger CA")).server();
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", server.key, password, server.chain.toArray(new X509Certificate[0]));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        KeyStore reloaded = KeyStore.getInstance("PKCS12"); // keys in the runtime's own classes
        reloaded.load(new ByteArrayInputStream(bytes.toByteArray()), password);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(reloaded, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
