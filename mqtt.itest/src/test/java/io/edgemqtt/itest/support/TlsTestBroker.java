package io.edgemqtt.itest.support;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.moquette.broker.Server;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.ops4j.pax.exam.Option;

/**
 * A real MQTT 3.1.1 broker (Moquette 0.17) with a TLS listener that requires a client certificate, and a plain TCP
 * listener, in the test JVM outside the framework. Started once per JVM from {@code @Configuration} (driver side) and
 * stopped by a shutdown hook; never reference this class from a test method (Moquette, Netty and Bouncy Castle do not
 * exist inside the framework). Only its {@code static final String} constants may be used there: javac copies them.
 *
 * <p>The material is made at start with {@link TestCertificates} and written as PEM to a temporary folder (deleted at
 * exit) named by {@value #MATERIAL_PROPERTY}: two independent CAs {@code ca1.pem} and {@code ca2.pem}, a client
 * certificate of each ({@code client1.pem}/{@code client1.key} issued by CA 1, {@code client2.pem}/{@code client2.key}
 * by CA 2, CN {@code itest-client-1}/{@code itest-client-2}), and a server certificate of each CA for {@code
 * 127.0.0.1}/{@code localhost}, whose keys stay in memory.
 *
 * <p>What the broker presents and accepts is switched by the tests, through JDK types in the system properties:
 * <ul>
 *   <li>{@value #SERVER_CA_HOOK}: a {@code Consumer<String>}: {@code "ca1"} or {@code "ca2"}, which CA's server
 *       certificate the broker presents;</li>
 *   <li>{@value #CLIENT_CAS_HOOK}: a {@code Consumer<String>}: comma-separated CA names whose client certificates the
 *       broker accepts (any other client certificate fails the handshake);</li>
 *   <li>{@value #ACCEPTED_CLIENTS} and {@value #REFUSED_CLIENTS}: {@code List<String>}s of the subjects of the client
 *       certificates the broker's trust check accepted and refused, in order. A client whose certificate is not
 *       issued by a CA the broker names in its certificate request may send none at all: it is refused without a
 *       check, and appears in neither list.</li>
 * </ul>
 * A switch applies to the next handshakes; connections already open stay. Every connection gets a TLS context of its
 * own, so no TLS session can be resumed: each connection is a full handshake that checks the client certificate it
 * presents now against the broker's current choice.
 *
 * <p>Moquette's own TLS set-up ({@code jks_path}, {@code key_store_password}, {@code need_client_auth}) loads one
 * keystore once at start and uses it as the trust store too, so what it accepts cannot change while it runs; this
 * class therefore gives Moquette its TLS context through Moquette's {@code ISslContextCreator} (JDK TLS, SunJSSE).
 */
public final class TlsTestBroker {
    /** Loopback port of the TLS listener (client certificate required). */
    public static final String TLS_PORT_PROPERTY = "itest.tls.broker.port";
    /** Loopback port of the same broker's plain TCP listener. */
    public static final String PLAIN_PORT_PROPERTY = "itest.tls.broker.plainPort";
    /** Folder of the PEM files. */
    public static final String MATERIAL_PROPERTY = "itest.tls.material";
    /** System-properties key of the {@code Consumer<String>} choosing the CA of the broker's server certificate. */
    public static final String SERVER_CA_HOOK = "itest.tls.broker.serverCa";
    /** System-properties key of the {@code Consumer<String>} choosing the CAs of accepted client certificates. */
    public static final String CLIENT_CAS_HOOK = "itest.tls.broker.clientCas";
    /** System-properties key of the {@code List<String>} of accepted client certificate subjects. */
    public static final String ACCEPTED_CLIENTS = "itest.tls.broker.acceptedClients";
    /** System-properties key of the {@code List<String>} of refused client certificate subjects. */
    public static final String REFUSED_CLIENTS = "itest.tls.broker.refusedClients";

    private static final char[] NO_PASSWORD = "itest".toCharArray();

    private static Server server;
    private static int tlsPort;
    private static int plainPort;
    private static Path material;
    private static Map<String, TestCertificates.Issued> cas;
    private static Map<String, TestCertificates.Issued> servers;
    private static volatile String serverCa = "ca1";
    private static volatile List<String> clientCas = List.of("ca1");
    private static final List<String> ACCEPTED = new CopyOnWriteArrayList<>();
    private static final List<String> REFUSED = new CopyOnWriteArrayList<>();

    private TlsTestBroker() {}

    /**
     * @return the options that tell the framework where the broker and the material are; starts it on first use
     */
    public static synchronized Option[] start() {
        if (server == null) {
            createMaterial();
            MoquetteOnFreePorts.Started started = MoquetteOnFreePorts.start("TLS test broker", 2,
                    TlsTestBroker::properties, (candidate, config) -> candidate.startServer(config, List.of(),
                            PerConnectionContext::new, null, null));
            server = started.server;
            tlsPort = started.ports[0];
            plainPort = started.ports[1];
            Consumer<String> chooseServerCa = TlsTestBroker::presentServerCertificateOf;
            Consumer<String> chooseClientCas = TlsTestBroker::acceptClientCertificatesOf;
            System.getProperties().put(SERVER_CA_HOOK, chooseServerCa);
            System.getProperties().put(CLIENT_CAS_HOOK, chooseClientCas);
            System.getProperties().put(ACCEPTED_CLIENTS, ACCEPTED);
            System.getProperties().put(REFUSED_CLIENTS, REFUSED);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stopServer();
                deleteMaterial();
            }, "tls-test-broker-stop"));
        }
        return new Option[] {
            systemProperty(TLS_PORT_PROPERTY).value(Integer.toString(tlsPort)),
            systemProperty(PLAIN_PORT_PROPERTY).value(Integer.toString(plainPort)),
            systemProperty(MATERIAL_PROPERTY).value(material.toString()),
        };
    }

    private static Properties properties(int[] ports) {
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("ssl_port", Integer.toString(ports[0]));
        properties.setProperty("port", Integer.toString(ports[1]));
        properties.setProperty("need_client_auth", "true");
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("netty.mqtt.message_size", "1048576");
        return properties;
    }

    private static void createMaterial() {
        try {
            material = Files.createTempDirectory("edgemqtt-itest-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for the TLS material", e);
        }
        TestCertificates.Issued ca1 = TestCertificates.newCa("itest-ca-1");
        TestCertificates.Issued ca2 = TestCertificates.newCa("itest-ca-2");
        cas = Map.of("ca1", ca1, "ca2", ca2);
        servers = Map.of("ca1", ca1.issueServer("itest-broker-1"), "ca2", ca2.issueServer("itest-broker-2"));
        ca1.writeCertificate(material.resolve("ca1.pem"));
        ca2.writeCertificate(material.resolve("ca2.pem"));
        TestCertificates.Issued client1 = ca1.issueClient("itest-client-1");
        client1.writeCertificate(material.resolve("client1.pem"));
        client1.writeKey(material.resolve("client1.key"));
        TestCertificates.Issued client2 = ca2.issueClient("itest-client-2");
        client2.writeCertificate(material.resolve("client2.pem"));
        client2.writeKey(material.resolve("client2.key"));
    }

    private static void deleteMaterial() {
        try (Stream<Path> files = Files.walk(material)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }

    private static void presentServerCertificateOf(String ca) {
        if (!servers.containsKey(ca)) {
            throw new IllegalArgumentException("no server certificate of " + ca + ": ca1 or ca2");
        }
        serverCa = ca;
    }

    private static void acceptClientCertificatesOf(String names) {
        List<String> chosen = List.of(names.split(","));
        for (String ca : chosen) {
            if (!cas.containsKey(ca)) {
                throw new IllegalArgumentException("no CA " + ca + ": ca1 or ca2");
            }
        }
        clientCas = chosen;
    }

    /** A server TLS context made for each connection from the broker's current choice of certificate and CAs. */
    private static SSLContext freshServerContext() {
        try {
            TestCertificates.Issued identity = servers.get(serverCa);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("broker", identity.key, NO_PASSWORD,
                    new X509Certificate[] {identity.certificate, identity.issuer.certificate});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, NO_PASSWORD);

            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (String ca : clientCas) {
                anchors.setCertificateEntry(ca, cas.get(ca).certificate);
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(anchors);
            X509ExtendedTrustManager trust = (X509ExtendedTrustManager) trustManagers.getTrustManagers()[0];

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), new TrustManager[] {new RecordingTrustManager(trust)}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the broker's TLS context", e);
        }
    }

    /** Records the subject of every client certificate checked, by outcome. */
    private static final class RecordingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        RecordingTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        private static void record(X509Certificate[] chain, Check check) throws CertificateException {
            String subject = chain == null || chain.length == 0 ? "(none)"
                    : chain[0].getSubjectX500Principal().getName();
            try {
                check.run();
            } catch (CertificateException | RuntimeException e) {
                REFUSED.add(subject);
                throw e;
            }
            ACCEPTED.add(subject);
        }

        private interface Check {
            void run() throws CertificateException;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            record(chain, () -> delegate.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            record(chain, () -> delegate.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            record(chain, () -> delegate.checkClientTrusted(chain, authType));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the broker is no TLS client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the broker is no TLS client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the broker is no TLS client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /**
     * What Moquette gets from its {@code ISslContextCreator}: a Netty context whose every engine comes from a fresh
     * {@link SSLContext} (so no session cache and no session ticket key outlive a connection), server mode, client
     * certificate required. Moquette only calls {@link #newEngine(ByteBufAllocator, String, int)}.
     */
    private static final class PerConnectionContext extends SslContext {
        @Override
        public boolean isClient() {
            return false;
        }

        @Override
        public List<String> cipherSuites() {
            return List.of(freshServerContext().getDefaultSSLParameters().getCipherSuites());
        }

        @Override
        @SuppressWarnings("deprecation")
        public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
            return null;
        }

        @Override
        public SSLEngine newEngine(ByteBufAllocator allocator) {
            return serverEngine(freshServerContext().createSSLEngine());
        }

        @Override
        public SSLEngine newEngine(ByteBufAllocator allocator, String peerHost, int peerPort) {
            return serverEngine(freshServerContext().createSSLEngine(peerHost, peerPort));
        }

        private static SSLEngine serverEngine(SSLEngine engine) {
            engine.setUseClientMode(false);
            engine.setNeedClientAuth(true);
            return engine;
        }

        @Override
        public SSLSessionContext sessionContext() {
            return freshServerContext().getServerSessionContext();
        }
    }
}
