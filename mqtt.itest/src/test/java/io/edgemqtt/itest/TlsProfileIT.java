package io.edgemqtt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import io.edgemqtt.api.ClientState;
import io.edgemqtt.api.ConnectionListener;
import io.edgemqtt.api.DisconnectEvent;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.Subscription;
import io.edgemqtt.api.spi.TransportSecurity;
import io.edgemqtt.itest.support.Services;
import io.edgemqtt.itest.support.TestRuntime;
import io.edgemqtt.itest.support.TlsTestBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * TLS profiles ({@code mqtt.tls}) with configured clients ({@code mqtt.client}) against a real broker: Moquette with a
 * TLS listener that requires a client certificate (see {@link TlsTestBroker}, started in the driver), on Felix and on
 * Equinox. Every configuration is made here through Config Admin; the certificates are made at test time.
 *
 * <p>The rotation tests are built so that old material cannot pass: before the files are replaced, the broker is
 * switched so that only the new material completes a handshake (it accepts only the new client certificate's CA, or
 * presents a certificate only the new trust anchor verifies). Every broker connection is a full handshake (no TLS
 * session resumption), so a client that kept its old material would never reconnect.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TlsProfileIT {
    private static final Duration WAIT = Duration.ofSeconds(Services.WAIT_SECONDS);
    private static final String CLIENT_1 = "CN=itest-client-1,";
    private static final String CLIENT_2 = "CN=itest-client-2,";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        List<Option> extra = new ArrayList<>(List.of(TlsTestBroker.start()));
        // certificate files are polled every 2 s by default: faster here, the rotation is still the same code path
        extra.add(frameworkProperty("mqtt.tls.watch.interval.ms").value("200"));
        return TestRuntime.options(extra.toArray(new Option[0]));
    }

    // ---- the tests -------------------------------------------------------------------------------------------------

    @Test
    public void aClientWithATlsProfileConnectsOverMutualTlsPublishesAndReceives() throws Exception {
        broker("ca1", "ca1");
        Path dir = copies("ca1.pem", "client1.pem", "client1.key");
        org.osgi.service.cm.Configuration profile = createProfile("it-basic", dir);
        org.osgi.service.cm.Configuration configuration = createClient("tls-basic", "it-tls-basic", "it-basic", true);
        try {
            ServiceReference<MqttClient> reference = Services.awaitReference(context, "(name=tls-basic)");
            assertEquals("the client service names its profile", "it-basic",
                    reference.getProperty(TransportSecurity.PROFILE_PROPERTY));
            MqttClient client = context.getService(reference);
            Services.awaitConnected(client);
            assertEquals("ssl", client.connection().orElseThrow().serverUri().getScheme());
            assertTrue("the broker checked our client certificate: " + accepted(), lastAccepted().startsWith(CLIENT_1));

            Inbox inbox = new Inbox();
            client.subscribe(Subscription.of("itest/tls/basic/#", Qos.AT_LEAST_ONCE), inbox)
                    .toCompletableFuture().get(Services.WAIT_SECONDS, TimeUnit.SECONDS);
            client.publishAndWait(MqttMessage.of("itest/tls/basic/1", "over TLS", Qos.AT_LEAST_ONCE), WAIT);
            MqttMessage message = inbox.take();
            assertEquals("itest/tls/basic/1", message.topic());
            assertEquals("over TLS", message.payloadAsString());
            context.ungetService(reference);

            // The driver's Bouncy Castle (used to make the certificates) stays outside: mqtt.tls is wired to the
            // Bouncy Castle bundles, and no provider was added to the JVM's list.
            for (String wired : bouncyCastleProviders()) {
                assertTrue("mqtt.tls gets Bouncy Castle from a bundle, not from " + wired, wired.startsWith("bc"));
            }
            assertFalse("mqtt.tls imports Bouncy Castle", bouncyCastleProviders().isEmpty());
            assertNull("no Bouncy Castle provider in the JVM's list", Security.getProvider("BC"));
            assertNull("no Bouncy Castle JSSE provider in the JVM's list", Security.getProvider("BCJSSE"));
        } finally {
            configuration.delete();
            profile.delete();
        }
    }

    @Test
    public void replacingTheClientCertificateAndKeyReconnectsWithTheNewOnesAndKeepsTheSession() throws Exception {
        broker("ca1", "ca1");
        Path dir = copies("ca1.pem", "client1.pem", "client1.key");
        org.osgi.service.cm.Configuration profile = createProfile("it-mtls", dir);
        org.osgi.service.cm.Configuration configuration = createClient("tls-mtls", "it-tls-mtls", "it-mtls", false);
        try {
            ServiceReference<MqttClient> reference = Services.awaitReference(context, "(name=tls-mtls)");
            MqttClient client = context.getService(reference);
            Services.awaitConnected(client);
            assertTrue("connected with the first certificate: " + accepted(), lastAccepted().startsWith(CLIENT_1));
            Inbox inbox = new Inbox();
            client.subscribe(Subscription.of("itest/tls/mtls", Qos.AT_LEAST_ONCE), inbox)
                    .toCompletableFuture().get(Services.WAIT_SECONDS, TimeUnit.SECONDS);
            client.publishAndWait(MqttMessage.of("itest/tls/mtls", "before", Qos.AT_LEAST_ONCE), WAIT);
            assertEquals("before", inbox.take().payloadAsString());
            Disconnects disconnects = new Disconnects(client);
            long reconnects = client.statistics().reconnects();

            // From now on the broker refuses certificates of CA 1: only the new client certificate (CA 2) can connect.
            broker("ca1", "ca2");
            replace(dir.resolve("client.pem"), "client2.pem");
            replace(dir.resolve("client.key"), "client2.key");

            awaitReconnection("the client reconnected with the new client certificate", client,
                    () -> client.statistics().reconnects() > reconnects && client.state() == ClientState.CONNECTED
                            && lastAccepted().startsWith(CLIENT_2));
            assertSameService(reference, client);
            assertTrue("the client left because its profile was replaced: " + disconnects.events,
                    disconnects.events.stream().anyMatch(e -> String.valueOf(e).contains("TLS profile")));
            assertTrue("the session was kept", client.connection().orElseThrow().isSessionPresent());
            client.publishAndWait(MqttMessage.of("itest/tls/mtls", "after", Qos.AT_LEAST_ONCE), WAIT);
            assertEquals("after", inbox.take().payloadAsString());
            context.ungetService(reference);
        } finally {
            configuration.delete();
            profile.delete();
        }
    }

    @Test
    public void replacingTheTrustAnchorsReconnectsToABrokerWithANewCertificate() throws Exception {
        broker("ca1", "ca1");
        Path dir = copies("ca1.pem", "client1.pem", "client1.key");
        org.osgi.service.cm.Configuration profile = createProfile("it-trust", dir);
        org.osgi.service.cm.Configuration configuration = createClient("tls-trust", "it-tls-trust", "it-trust", false);
        try {
            ServiceReference<MqttClient> reference = Services.awaitReference(context, "(name=tls-trust)");
            MqttClient client = context.getService(reference);
            Services.awaitConnected(client);
            client.publishAndWait(MqttMessage.of("itest/tls/trust", "before", Qos.AT_LEAST_ONCE), WAIT);
            long reconnects = client.statistics().reconnects();
            int handshakes = accepted().size();

            // The broker's certificate changes to one of CA 2: a client that still trusted only CA 1 would refuse it.
            broker("ca2", "ca1");
            replace(dir.resolve("ca.pem"), "ca2.pem");

            awaitReconnection("the client reconnected trusting the new CA", client,
                    () -> client.statistics().reconnects() > reconnects && client.state() == ClientState.CONNECTED
                            && accepted().size() > handshakes);
            assertSameService(reference, client);
            assertTrue("the session was kept", client.connection().orElseThrow().isSessionPresent());
            Inbox inbox = new Inbox();
            client.subscribe(Subscription.of("itest/tls/trust", Qos.AT_LEAST_ONCE), inbox)
                    .toCompletableFuture().get(Services.WAIT_SECONDS, TimeUnit.SECONDS);
            client.publishAndWait(MqttMessage.of("itest/tls/trust", "after", Qos.AT_LEAST_ONCE), WAIT);
            assertEquals("after", inbox.take().payloadAsString());
            context.ungetService(reference);
        } finally {
            configuration.delete();
            profile.delete();
            broker("ca1", "ca1");
        }
    }

    @Test
    public void stoppingTheTlsBundleStopsTlsClientsOnlyAndStartingItBringsThemBack() throws Exception {
        broker("ca1", "ca1");
        Path dir = copies("ca1.pem", "client1.pem", "client1.key");
        org.osgi.service.cm.Configuration profile = createProfile("it-bundle", dir);
        org.osgi.service.cm.Configuration tls = createClient("tls-bundle", "it-tls-bundle", "it-bundle", true);
        Hashtable<String, Object> plainProperties = clientProperties("it-plain-bundle", true);
        plainProperties.put("serverUris", "tcp://127.0.0.1:" + Integer.getInteger(TlsTestBroker.PLAIN_PORT_PROPERTY));
        org.osgi.service.cm.Configuration plain =
                configurationAdmin.getFactoryConfiguration("mqtt.client", "plain-bundle", "?");
        plain.update(plainProperties);
        Bundle tlsBundle = bundle("mqtt.tls");
        try {
            MqttClient tlsClient = Services.awaitClient(context, "(name=tls-bundle)");
            Services.awaitConnected(tlsClient);
            ServiceReference<MqttClient> plainReference = Services.awaitReference(context, "(name=plain-bundle)");
            MqttClient plainClient = context.getService(plainReference);
            Services.awaitConnected(plainClient);
            Inbox plainInbox = new Inbox();
            plainClient.subscribe(Subscription.of("itest/tls/bundle/#", Qos.AT_LEAST_ONCE), plainInbox)
                    .toCompletableFuture().get(Services.WAIT_SECONDS, TimeUnit.SECONDS);
            tlsClient.publishAndWait(MqttMessage.of("itest/tls/bundle/tls", "from TLS", Qos.AT_LEAST_ONCE), WAIT);
            assertEquals("from TLS", plainInbox.take().payloadAsString());
            long plainReconnects = plainClient.statistics().reconnects();

            tlsBundle.stop();
            Services.awaitCondition("the TLS client's service is unregistered",
                    () -> references("(name=tls-bundle)").isEmpty());
            Services.awaitCondition("the TLS client is closed", () -> tlsClient.state() == ClientState.CLOSED);
            assertTrue("no TLS profile service left", references(TransportSecurity.class, null).isEmpty());

            List<ServiceReference<MqttClient>> plainNow = references("(name=plain-bundle)");
            assertEquals("the plain client's service stays", List.of(plainReference), plainNow);
            assertEquals(ClientState.CONNECTED, plainClient.state());
            assertEquals("the plain client did not reconnect", plainReconnects, plainClient.statistics().reconnects());
            plainClient.publishAndWait(MqttMessage.of("itest/tls/bundle/plain", "still here", Qos.AT_LEAST_ONCE),
                    WAIT);
            assertEquals("still here", plainInbox.take().payloadAsString());

            tlsBundle.start();
            MqttClient back = Services.awaitClient(context, "(name=tls-bundle)");
            assertNotSame("a new client for the new profile", tlsClient, back);
            Services.awaitConnected(back);
            back.publishAndWait(MqttMessage.of("itest/tls/bundle/tls", "back over TLS", Qos.AT_LEAST_ONCE), WAIT);
            assertEquals("back over TLS", plainInbox.take().payloadAsString());
            assertSame("the plain client was never replaced", plainClient,
                    Services.awaitClient(context, "(name=plain-bundle)"));
            assertEquals("the plain client did not reconnect", plainReconnects, plainClient.statistics().reconnects());
            context.ungetService(plainReference);
        } finally {
            if (tlsBundle.getState() != Bundle.ACTIVE) {
                tlsBundle.start(); // leave the framework as the other tests expect it
            }
            tls.delete();
            plain.delete();
            profile.delete();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Awaits the condition; a failure says what the client and the broker saw. */
    private static void awaitReconnection(String what, MqttClient client, BooleanSupplier condition)
            throws InterruptedException {
        try {
            Services.awaitCondition(what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; client " + client.statistics() + "; broker accepted "
                    + accepted() + ", refused " + refused()); // no cause: with one, only the cause's message was reported
        }
    }

    /** The rotation kept the running client: same service registration, same object, never unregistered. */
    private void assertSameService(ServiceReference<MqttClient> before, MqttClient client) throws Exception {
        String filter = "(name=" + before.getProperty(MqttClient.NAME_PROPERTY) + ")";
        ServiceReference<MqttClient> now = Services.awaitReference(context, filter);
        assertEquals("the client service was not re-registered", before.getProperty(Constants.SERVICE_ID),
                now.getProperty(Constants.SERVICE_ID));
        assertSame(client, context.getService(now));
        context.ungetService(now);
    }

    /** Chooses which CA's certificate the broker presents and which CAs' client certificates it accepts. */
    @SuppressWarnings("unchecked")
    private static void broker(String serverCa, String clientCas) {
        ((Consumer<String>) System.getProperties().get(TlsTestBroker.SERVER_CA_HOOK)).accept(serverCa);
        ((Consumer<String>) System.getProperties().get(TlsTestBroker.CLIENT_CAS_HOOK)).accept(clientCas);
    }

    @SuppressWarnings("unchecked")
    private static List<String> accepted() {
        return (List<String>) System.getProperties().get(TlsTestBroker.ACCEPTED_CLIENTS);
    }

    @SuppressWarnings("unchecked")
    private static List<String> refused() {
        return (List<String>) System.getProperties().get(TlsTestBroker.REFUSED_CLIENTS);
    }

    private static String lastAccepted() {
        List<String> all = accepted();
        return all.isEmpty() ? "" : all.get(all.size() - 1);
    }

    /** A folder of this test's own with copies of the material as {@code ca.pem}, {@code client.pem}, {@code client.key}. */
    private static Path copies(String ca, String certificate, String key) throws IOException {
        Path material = Path.of(System.getProperty(TlsTestBroker.MATERIAL_PROPERTY));
        Path dir = Files.createTempDirectory(material, "profile-");
        Files.copy(material.resolve(ca), dir.resolve("ca.pem"));
        Files.copy(material.resolve(certificate), dir.resolve("client.pem"));
        Files.copy(material.resolve(key), dir.resolve("client.key"));
        return dir;
    }

    /** Replaces {@code target} with a copy of a material file in one step (written aside, then moved over it). */
    private static void replace(Path target, String materialFile) throws IOException {
        Path material = Path.of(System.getProperty(TlsTestBroker.MATERIAL_PROPERTY));
        Path aside = target.resolveSibling(target.getFileName() + ".new");
        Files.copy(material.resolve(materialFile), aside, StandardCopyOption.REPLACE_EXISTING);
        Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private org.osgi.service.cm.Configuration createProfile(String name, Path dir) throws IOException {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("trust.anchors", dir.resolve("ca.pem").toString());
        properties.put("certificate.chain", dir.resolve("client.pem").toString());
        properties.put("private.key", dir.resolve("client.key").toString());
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getFactoryConfiguration("mqtt.tls", name, "?");
        configuration.update(properties);
        return configuration;
    }

    private org.osgi.service.cm.Configuration createClient(String name, String clientId, String profile,
            boolean cleanStart) throws IOException {
        Hashtable<String, Object> properties = clientProperties(clientId, cleanStart);
        properties.put("serverUris", "ssl://127.0.0.1:" + Integer.getInteger(TlsTestBroker.TLS_PORT_PROPERTY));
        properties.put("tls.profile", profile);
        org.osgi.service.cm.Configuration configuration =
                configurationAdmin.getFactoryConfiguration("mqtt.client", name, "?");
        configuration.update(properties);
        return configuration;
    }

    private static Hashtable<String, Object> clientProperties(String clientId, boolean cleanStart) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("clientId", clientId);
        properties.put("cleanStart", Boolean.toString(cleanStart));
        properties.put("reconnect.initialDelayMs", "100");
        properties.put("reconnect.maxDelayMs", "500");
        return properties;
    }

    private List<ServiceReference<MqttClient>> references(String filter) {
        return references(MqttClient.class, filter);
    }

    private <S> List<ServiceReference<S>> references(Class<S> type, String filter) {
        try {
            return new ArrayList<>(context.getServiceReferences(type, filter));
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    /** Symbolic names of the bundles that give mqtt.tls its org.bouncycastle packages. */
    private List<String> bouncyCastleProviders() {
        BundleWiring wiring = bundle("mqtt.tls").adapt(BundleWiring.class);
        return wiring.getRequiredWires("osgi.wiring.package").stream()
                .filter(wire -> String.valueOf(wire.getCapability().getAttributes().get("osgi.wiring.package"))
                        .startsWith("org.bouncycastle"))
                .map(BundleWire::getProvider)
                .map(provider -> provider.getBundle().getBundleId() == 0 ? "the system bundle"
                        : provider.getSymbolicName())
                .distinct()
                .collect(Collectors.toList());
    }

    /** Keeps what a subscription receives. */
    private static final class Inbox implements io.edgemqtt.api.MessageHandler {
        private final LinkedBlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(MqttMessage message) {
            messages.add(message);
        }

        MqttMessage take() throws InterruptedException {
            MqttMessage message = messages.poll(Services.WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("no message within " + Services.WAIT_SECONDS + " s", message);
            return message;
        }
    }

    /** Keeps a client's disconnect events. */
    private static final class Disconnects implements ConnectionListener {
        final List<DisconnectEvent> events = new CopyOnWriteArrayList<>();

        Disconnects(MqttClient client) {
            client.addConnectionListener(this);
        }

        @Override
        public void disconnected(DisconnectEvent event) {
            events.add(event);
        }
    }
}
