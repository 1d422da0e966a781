package io.edgemqtt.tls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.ConnectOptions;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttClientFactory;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReconnectPolicy;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.spi.TransportSecurity;
import io.edgemqtt.impl.engine.Await;
import io.edgemqtt.impl.engine.Inbox;
import io.edgemqtt.impl.engine.TestClients;
import io.edgemqtt.impl.testing.MosquittoBroker;
import io.edgemqtt.impl.testing.MosquittoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine with profiles of this bundle against Mosquitto's TLS listeners (OpenSSL on the other side): TLS 1.2 and
 * 1.3, mutual TLS (PEM and PKCS#12), and each way it can fail, with the message the user sees.
 */
class TlsInteropTest {
    private static final String KEY_PASSWORD = "client-key-Passw0rd";
    private static TestPki pki;
    private static MosquittoBroker broker;
    private static Path files;

    private final List<MqttClient> clients = new ArrayList<>();

    private static String listener(String certificate, String extra) {
        return "cafile %1$s/ca.pem\ncertfile %1$s/" + certificate + ".pem\nkeyfile %1$s/" + certificate + ".key\n"
                + extra;
    }

    @BeforeAll
    static void startBroker() throws Exception {
        pki = TestPki.newCa("interop CA");
        MosquittoConfig.Builder config = MosquittoConfig.builder();
        Map<String, String> listeners = Map.of(
                // tls_version is the lowest version a listener accepts
                "tls", listener("server", "tls_version tlsv1.2"),
                "tls13", listener("server", "tls_version tlsv1.3"),
                "mtls", listener("server", "require_certificate true\nuse_identity_as_username true"),
                "expired", listener("expired", ""),
                "wronghost", listener("wronghost", ""));
        listeners.forEach((name, lines) -> config.listener(name, (port, dir) -> "listener " + port + " 127.0.0.1\n"
                + String.format(lines, dir)));
        broker = MosquittoBroker.create(config.build());
        files = broker.workDir();
        pki.writeCa(files.resolve("ca.pem"));
        write(pki.server(), "server");
        write(pki.expiredServer(), "expired");
        write(pki.server("wrong.example"), "wronghost");
        broker.start();
    }

    private static void write(TestPki.Issued issued, String name) {
        issued.writeCertificate(files.resolve(name + ".pem"));
        issued.writeKeyPkcs8(files.resolve(name + ".key"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(MqttClient::close);
    }

    private static ProfileSettings.Builder trusting() {
        return ProfileSettings.builder("interop").trustAnchors(files.resolve("ca.pem"));
    }

    private static TransportSecurity profile(ProfileSettings.Builder settings) throws Exception {
        return BcTransportSecurity.create(settings.build());
    }

    private static ProfileSettings.Builder mutual(String clientName) {
        TestPki.Issued client = pki.client(clientName);
        return trusting().clientKey(client.writeCertificate(files.resolve(clientName + ".pem")),
                client.writeKeyEncryptedPkcs8(files.resolve(clientName + ".key"), KEY_PASSWORD), KEY_PASSWORD);
    }

    private MqttClient client(TransportSecurity security, String uri, MqttVersion version) {
        ConnectOptions options = ConnectOptions.builder().serverUri(uri).protocolVersion(version)
                .clientId(TestClients.uniqueId("tls")).reconnectPolicy(ReconnectPolicy.DISABLED).build();
        MqttClient client = MqttClientFactory.load().newClient(options.clientId(), options).transportSecurity(security)
                .build();
        clients.add(client);
        return client;
    }

    private static String uri(String scheme, String host, String listener) {
        return scheme + "://" + host + ":" + broker.port(listener);
    }

    private void roundTrip(TransportSecurity security, String uri, MqttVersion version) throws Exception {
        MqttClient client = client(security, uri, version);
        client.connectAndWait(TestClients.WAIT);
        String topic = TestClients.uniqueId("tls/round");
        Inbox inbox = new Inbox();
        Await.await(client.subscribe(Subscription.of(topic + "/#", Qos.AT_LEAST_ONCE), inbox));
        client.publishAndWait(MqttMessage.of(topic + "/hello", "over TLS", Qos.AT_LEAST_ONCE), TestClients.WAIT);
        assertEquals("over TLS", inbox.take().payloadAsString());
    }

    private String connectFailure(TransportSecurity security, String uri) {
        MqttClient client = client(security, uri, MqttVersion.V5);
        MqttException e = assertThrows(MqttException.class, () -> client.connectAndWait(TestClients.WAIT));
        return e.getMessage();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void tls13RoundTrip(MqttVersion version) throws Exception {
        roundTrip(profile(trusting().protocols("TLSv1.3")), uri("ssl", "localhost", "tls13"), version);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void tls12RoundTrip(MqttVersion version) throws Exception {
        roundTrip(profile(trusting().protocols("TLSv1.2")), uri("mqtts", "127.0.0.1", "tls"), version);
    }

    @Test
    void defaultProtocolsNegotiateWithEitherListener() throws Exception {
        TransportSecurity security = profile(trusting());
        roundTrip(security, uri("mqtts", "localhost", "tls"), MqttVersion.V5);
        roundTrip(security, uri("ssl", "localhost", "tls13"), MqttVersion.V5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void mutualTlsWithEncryptedPkcs8(String protocol) throws Exception {
        String device = "device-" + protocol;
        roundTrip(profile(mutual(device).protocols(protocol)), uri("ssl", "localhost", "mtls"), MqttVersion.V5);
        assertTrue(broker.log().contains("u'" + device + "'"), "the certificate's CN is the user name");
    }

    @Test
    void mutualTlsWithPkcs12() throws Exception {
        Path store = pki.client("p12-device").writePkcs12(files.resolve("device.p12"), KEY_PASSWORD);
        roundTrip(profile(trusting().keystore(store, KEY_PASSWORD)), uri("ssl", "localhost", "mtls"),
                MqttVersion.V3_1_1);
    }

    @Test
    void largeAndManyMessagesOverTls() throws Exception {
        MqttClient client = client(profile(trusting()), uri("ssl", "localhost", "tls13"), MqttVersion.V5);
        client.connectAndWait(TestClients.WAIT);
        String topic = TestClients.uniqueId("tls/bulk");
        Inbox inbox = new Inbox();
        Await.await(client.subscribe(Subscription.of(topic, Qos.AT_LEAST_ONCE), inbox));
        byte[] large = new byte[3 * 1024 * 1024];
        new Random(1).nextBytes(large);
        for (int i = 0; i < 3; i++) {
            client.publish(MqttMessage.builder(topic).payload(large).qos(Qos.AT_LEAST_ONCE).build());
        }
        for (int i = 0; i < 2000; i++) {
            client.publish(MqttMessage.of(topic, "small " + i, i % 2 == 0 ? Qos.AT_MOST_ONCE : Qos.AT_LEAST_ONCE));
        }
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(large, inbox.take().payloadAsBytes(), "large message " + i);
        }
        for (int i = 0; i < 2000; i++) {
            assertEquals("small " + i, inbox.take().payloadAsString());
        }
    }

    @Test
    void untrustedServerCertificate() throws Exception {
        Path stranger = TestPki.newCa("stranger CA").writeCa(files.resolve("stranger-ca.pem"));
        String message = connectFailure(profile(ProfileSettings.builder("interop").trustAnchors(stranger)),
                uri("ssl", "localhost", "tls13"));
        assertTrue(message.contains("is not trusted") && message.contains("CN=interop CA"), message);
    }

    @Test
    void hostnameMismatch() throws Exception {
        String message = connectFailure(profile(trusting()), uri("ssl", "localhost", "wronghost"));
        assertTrue(message.contains("host name mismatch") && message.contains("wrong.example")
                && message.contains("'localhost'"), message);
    }

    @Test
    void hostnameVerificationCanBeTurnedOff() throws Exception {
        roundTrip(profile(trusting().hostnameVerification(false)), uri("ssl", "localhost", "wronghost"),
                MqttVersion.V5);
    }

    @Test
    void expiredServerCertificate() throws Exception {
        String message = connectFailure(profile(trusting()), uri("ssl", "localhost", "expired"));
        assertTrue(message.contains("has expired"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void brokerRequiresAClientCertificate(String protocol) throws Exception {
        String message = connectFailure(profile(trusting().protocols(protocol)), uri("ssl", "localhost", "mtls"));
        assertTrue(message.contains("requires a client certificate"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void clientCertificateFromAnotherCa(String protocol) throws Exception {
        TestPki.Issued stranger = TestPki.newCa("stranger CA").client("stranger-device");
        TransportSecurity security = profile(trusting().clientKey(
                stranger.writeCertificate(files.resolve("stranger.pem")),
                stranger.writeKeyPkcs8(files.resolve("stranger.key")), null).protocols(protocol));
        String message = connectFailure(security, uri("ssl", "localhost", "mtls"));
        assertTrue(message.contains("rejected this profile's client certificate"), message);
    }

    @Test
    void protocolVersionMismatch() throws Exception {
        String message = connectFailure(profile(trusting().protocols("TLSv1.2")), uri("ssl", "localhost", "tls13"));
        assertTrue(message.contains("protocol version mismatch"), message);
    }

    @Test
    void wrongKeyPasswordAndMissingKeyFileRegisterNothing() throws Exception {
        TestPki.Issued client = pki.client("misconfigured");
        Path certificate = client.writeCertificate(files.resolve("misconfigured.pem"));
        Path key = client.writeKeyEncryptedPkcs8(files.resolve("misconfigured.key"), KEY_PASSWORD);
        RecordingPublisher publisher = new RecordingPublisher();
        try (MaterialWatcher watcher = new MaterialWatcher(Duration.ofSeconds(1));
                LogCapture log = new LogCapture("io.edgemqtt.tls")) {
            new TlsProfile("mqtt.tls~bad", trusting().clientKey(certificate, key, "wrong").build(), watcher, publisher)
                    .close();
            new TlsProfile("mqtt.tls~bad", trusting().clientKey(certificate, files.resolve("gone.key"), KEY_PASSWORD)
                    .build(), watcher, publisher).close();
            assertTrue(publisher.registered.isEmpty());
            List<String> errors = log.at(Level.SEVERE);
            assertEquals(2, errors.size(), errors.toString());
            assertTrue(errors.get(0).contains(".key.password: cannot decrypt") && errors.get(0).contains(
                    "wrong password"), errors.get(0));
            assertTrue(errors.get(1).contains("private.key: file") && errors.get(1).contains("gone.key does not exist"),
                    errors.get(1));
            assertFalse(String.join("\n", errors).contains(KEY_PASSWORD));
        }
        assertTrue(Files.exists(key));
    }
}
