package io.edgemqtt.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.spi.TransportSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile's life: registered when valid, nothing but one log line when not, replaced when its files change. */
class TlsProfileTest {
    private static final String PASSWORD = "key-Passw0rd";
    private static TestPki pki;

    @TempDir
    Path dir;
    private MaterialWatcher watcher;
    private final RecordingPublisher publisher = new RecordingPublisher();
    private LogCapture log;

    @BeforeAll
    static void ca() {
        pki = TestPki.newCa("profile CA");
    }

    @BeforeEach
    void start() {
        watcher = new MaterialWatcher(Duration.ofMillis(50));
        log = new LogCapture("io.edgemqtt.tls");
    }

    @AfterEach
    void stop() {
        watcher.close();
        log.close();
    }

    private Map<String, Object> mutualTls() {
        TestPki.Issued client = pki.client("rotating-client");
        return Map.of("trust.anchors", pki.writeCa(dir.resolve("ca.pem")).toString(),
                "certificate.chain", client.writeCertificate(dir.resolve("client.pem")).toString(),
                "private.key", client.writeKeyEncryptedPkcs8(dir.resolve("client.key"), PASSWORD).toString(),
                ".key.password", PASSWORD);
    }

    private TlsProfile profile(Map<String, Object> config) throws TlsConfigException {
        return new TlsProfile("mqtt.tls~edge", ProfileSettings.from(Configs.tls(config), "mqtt.tls~edge"), watcher,
                publisher);
    }

    @Test
    void validProfileIsRegisteredWithItsNameAndNoSecret() throws Exception {
        try (TlsProfile profile = profile(mutualTls())) {
            assertEquals(1, publisher.live().size());
            RecordingPublisher.Entry entry = publisher.live().get(0);
            assertEquals("edge", entry.properties.get(TransportSecurity.PROFILE_PROPERTY));
            assertEquals("edge", entry.service.profileName());
            assertFalse(entry.properties.toString().contains(PASSWORD));
            assertFalse(entry.properties.containsKey(".key.password"));
            assertTrue(log.lines().stream().noneMatch(line -> line.contains(PASSWORD)), log.lines().toString());
        }
        assertTrue(publisher.live().isEmpty(), "closed: unregistered");
    }

    @Test
    void invalidProfileRegistersNothingAndLogsOneLine() throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(mutualTls());
        config.put(".key.password", "wrong-one");
        try (TlsProfile profile = profile(config)) {
            assertTrue(publisher.registered.isEmpty());
            List<String> errors = log.at(Level.SEVERE);
            assertEquals(1, errors.size(), log.lines().toString());
            String line = errors.get(0);
            assertTrue(line.contains("'edge'") && line.contains(".key.password") && line.contains("wrong password"),
                    line);
            assertFalse(line.contains("wrong-one"), "never the password");
        }
    }

    @Test
    void changedFilesReplaceTheService() throws Exception {
        Map<String, Object> config = mutualTls();
        try (TlsProfile profile = profile(config)) {
            assertEquals("register", publisher.nextEvent(0));
            TransportSecurity first = profile.current();

            TestPki.Issued renewed = pki.client("renewed-client");
            renewed.writeCertificate(Path.of((String) config.get("certificate.chain")));
            renewed.writeKeyEncryptedPkcs8(Path.of((String) config.get("private.key")), PASSWORD);

            // the new service comes before the old one goes: the profile is never absent
            assertEquals("register", publisher.nextEvent(5_000));
            assertEquals("unregister", publisher.nextEvent(5_000));
            assertEquals(1, publisher.live().size());
            assertNotSame(first, profile.current());
            assertSame(profile.current(), publisher.live().get(0).service);
            assertEquals("edge", publisher.live().get(0).properties.get(TransportSecurity.PROFILE_PROPERTY));
            assertNull(publisher.nextEvent(300), "one replacement for one change");
        }
    }

    @Test
    void brokenRotationKeepsThePreviousServiceUntilFixed() throws Exception {
        Map<String, Object> config = mutualTls();
        try (TlsProfile profile = profile(config)) {
            assertEquals("register", publisher.nextEvent(0));
            TransportSecurity first = profile.current();
            Path key = Path.of((String) config.get("private.key"));
            pki.client("someone-else").writeKeyEncryptedPkcs8(key, PASSWORD); // key no longer matches the certificate

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (log.at(Level.WARNING).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String warning = log.at(Level.WARNING).get(0);
            assertTrue(warning.contains("does not belong to the certificate") && warning.contains("stay in use"),
                    warning);
            assertSame(first, profile.current());
            assertNull(publisher.nextEvent(0));

            TestPki.Issued renewed = pki.client("fixed-client");
            renewed.writeCertificate(Path.of((String) config.get("certificate.chain")));
            renewed.writeKeyEncryptedPkcs8(key, PASSWORD);
            assertEquals("register", publisher.nextEvent(5_000));
            assertEquals("unregister", publisher.nextEvent(5_000));
        }
    }

    @Test
    void missingFileAtStartRegistersOnceItAppears() throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(mutualTls());
        Path key = Path.of((String) config.get("private.key"));
        Path parked = Files.move(key, dir.resolve("parked.key"));
        try (TlsProfile profile = profile(config)) {
            assertTrue(publisher.registered.isEmpty());
            String error = log.at(Level.SEVERE).get(0);
            assertTrue(error.contains("private.key") && error.contains("does not exist"), error);
            Files.move(parked, key);
            assertEquals("register", publisher.nextEvent(5_000));
        }
    }

    @Test
    void watcherThreadStopsWhenClosed() throws Exception {
        java.util.Set<Thread> before = watcherThreads();
        MaterialWatcher own = new MaterialWatcher(Duration.ofMillis(20));
        own.watch(List.of(dir.resolve("x")), () -> { });
        java.util.Set<Thread> ours = watcherThreads();
        ours.removeAll(before); // other tests' watchers may still run: only this one counts
        assertEquals(1, ours.size(), "one watcher thread started");
        own.close();
        Thread thread = ours.iterator().next();
        thread.join(10_000);
        assertFalse(thread.isAlive(), "the watcher thread ended after close");
    }

    private static java.util.Set<Thread> watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("mqtt.tls file watcher") && t.isAlive())
                .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }
}
