package io.edgemqtt.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration as DS hands it over: names, lists from .cfg files, files that go together. */
class ProfileSettingsTest {

    @Test
    void nameComesFromThePropertyThenThePidThenThePid() throws Exception {
        assertEquals("cloud", ProfileSettings.from(Configs.tls(Map.of("name", "cloud")), "mqtt.tls~plant").name());
        assertEquals("plant", ProfileSettings.from(Configs.tls(Map.of()), "mqtt.tls~plant").name());
        assertEquals("mqtt.tls.1234", ProfileSettings.from(Configs.tls(Map.of()), "mqtt.tls.1234").name());
    }

    @Test
    void defaults() throws Exception {
        ProfileSettings settings = ProfileSettings.from(Configs.tls(Map.of()), "mqtt.tls~x");
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), settings.protocols());
        assertTrue(settings.cipherSuites().isEmpty());
        assertTrue(settings.sni());
        assertTrue(settings.hostnameVerification());
        assertTrue(settings.alpn().isEmpty());
        assertFalse(settings.hasClientCertificate());
        assertTrue(settings.trustAnchors().isEmpty());
    }

    @Test
    void commaSeparatedListsFromCfgFilesAreSplit() throws Exception {
        ProfileSettings settings = ProfileSettings.from(Configs.tls(Map.of("protocols", "TLSv1.2, TLSv1.3",
                "alpn", new String[] {"mqtt,x-amzn-mqtt-ca"})), "mqtt.tls~x");
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), settings.protocols());
        assertEquals(List.of("mqtt", "x-amzn-mqtt-ca"), settings.alpn());
    }

    @Test
    void passwordsNeverShowInToString() throws Exception {
        ProfileSettings settings = ProfileSettings.from(Configs.tls(Map.of("certificate.chain", "c.pem",
                "private.key", "k.pem", ".key.password", "hunter2")), "mqtt.tls~x");
        assertFalse(settings.toString().contains("hunter2"));
        assertEquals("hunter2", new String(settings.keyPassword()));
        assertEquals(Paths.get("k.pem").toAbsolutePath(), settings.privateKey().get());
    }

    @Test
    void certificateWithoutKeyIsRefused() {
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> ProfileSettings.from(Configs.tls(Map.of("certificate.chain", "c.pem")), "mqtt.tls~x"));
        assertEquals("private.key", e.property());
    }

    @Test
    void keyWithoutCertificateIsRefused() {
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> ProfileSettings.from(Configs.tls(Map.of("private.key", "k.pem")), "mqtt.tls~x"));
        assertEquals("certificate.chain", e.property());
    }

    @Test
    void keystoreAndPemTogetherAreRefused() {
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> ProfileSettings.from(Configs.tls(Map.of(
                "certificate.chain", "c.pem", "private.key", "k.pem", "keystore", "c.p12")), "mqtt.tls~x"));
        assertEquals("keystore", e.property());
    }

    @Test
    void emptyProtocolsAreRefused() {
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> ProfileSettings.from(Configs.tls(Map.of("protocols", " ")), "mqtt.tls~x"));
        assertEquals("protocols", e.property());
    }
}
