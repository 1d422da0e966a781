package io.edgemqtt.tls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engines as the profile configures them, and the explanations of failures. */
class BcTransportSecurityTest {
    private static TestPki pki;

    @TempDir
    static Path dir;

    @BeforeAll
    static void ca() {
        pki = TestPki.newCa("engine CA");
    }

    private static BcTransportSecurity profile(ProfileSettings.Builder builder) throws Exception {
        return BcTransportSecurity.create(builder.trustAnchors(pki.writeCa(dir.resolve("ca.pem"))).build());
    }

    @Test
    void defaultsSendSniAndVerifyTheHostName() throws Exception {
        SSLEngine engine = profile(ProfileSettings.builder("p")).createEngine("broker.example", 8883);
        SSLParameters parameters = engine.getSSLParameters();
        assertTrue(engine.getUseClientMode());
        assertEquals("broker.example", engine.getPeerHost());
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, parameters.getProtocols());
        assertEquals("HTTPS", parameters.getEndpointIdentificationAlgorithm());
        assertEquals(List.of(new SNIHostName("broker.example")), parameters.getServerNames());
    }

    @Test
    void noSniForAddressesOrWhenOff() throws Exception {
        assertTrue(profile(ProfileSettings.builder("p")).createEngine("127.0.0.1", 8883).getSSLParameters()
                .getServerNames().isEmpty());
        assertTrue(profile(ProfileSettings.builder("p").sni(false)).createEngine("broker.example", 8883)
                .getSSLParameters().getServerNames().isEmpty());
    }

    @Test
    void optionsReachTheEngine() throws Exception {
        SSLEngine engine = profile(ProfileSettings.builder("p").protocols("TLSv1.2").hostnameVerification(false)
                .alpn("mqtt").cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
                .createEngine("broker.example", 443);
        SSLParameters parameters = engine.getSSLParameters();
        assertArrayEquals(new String[] {"TLSv1.2"}, parameters.getProtocols());
        assertArrayEquals(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}, parameters.getCipherSuites());
        assertArrayEquals(new String[] {"mqtt"}, parameters.getApplicationProtocols());
        assertEquals(null, parameters.getEndpointIdentificationAlgorithm());
    }

    @Test
    void unknownProtocolOrSuiteIsAConfigurationError() {
        TlsConfigException protocol = assertThrows(TlsConfigException.class,
                () -> profile(ProfileSettings.builder("p").protocols("TLSv1.4")));
        assertEquals("protocols", protocol.property());
        assertTrue(protocol.getMessage().contains("TLSv1.4"));
        TlsConfigException suite = assertThrows(TlsConfigException.class,
                () -> profile(ProfileSettings.builder("p").cipherSuites("TLS_NONSENSE")));
        assertEquals("cipher.suites", suite.property());
    }

    @Test
    void noTrustAnchorsMeansTheRuntimeDefaults() throws Exception {
        BcTransportSecurity security = BcTransportSecurity.create(ProfileSettings.builder("p").build());
        assertTrue(security.createEngine("example.org", 8883).getUseClientMode());
    }

    @Test
    void explainsAlertsFromTheBroker() throws Exception {
        BcTransportSecurity anonymous = profile(ProfileSettings.builder("p"));
        assertTrue(explained(anonymous, new TlsFatalAlertReceived(AlertDescription.certificate_required))
                .contains("requires a client certificate, and this profile has none"));
        assertTrue(explained(anonymous, new TlsFatalAlertReceived(AlertDescription.handshake_failure))
                .contains("requires a client certificate"));
        assertTrue(explained(anonymous, new TlsFatalAlertReceived(AlertDescription.protocol_version))
                .contains("protocol version mismatch"));
        assertTrue(explained(anonymous, new TlsFatalAlert(AlertDescription.protocol_version))
                .contains("protocol version mismatch"));
        assertEquals(Optional.empty(), anonymous.explain(new java.io.IOException("Connection reset")));
    }

    private static String explained(BcTransportSecurity security, Exception cause) {
        SSLHandshakeException wrapped = new SSLHandshakeException("failed");
        wrapped.initCause(cause);
        String text = security.explain(wrapped).orElseThrow();
        assertTrue(text.startsWith("TLS profile 'p': "), text);
        return text;
    }
}
