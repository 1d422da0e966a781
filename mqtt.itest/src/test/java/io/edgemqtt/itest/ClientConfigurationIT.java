package io.edgemqtt.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.itest.support.Services;
import io.edgemqtt.itest.support.TestBroker;
import io.edgemqtt.itest.support.TestRuntime;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A factory configuration of PID {@code mqtt.client} becomes a connected {@link MqttClient} service; an update
 * reconnects with the new settings; a delete unregisters it; an invalid value is refused with one clear log line while
 * other clients keep working. Runs on Felix and on Equinox (Kura's framework, with Equinox Config Admin).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClientConfigurationIT {
    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        return TestRuntime.options(TestBroker.start());
    }

    private static String brokerUri() {
        return "tcp://127.0.0.1:" + Integer.getInteger(TestRuntime.BROKER_PORT_PROPERTY);
    }

    private org.osgi.service.cm.Configuration createClient(String name, Dictionary<String, Object> properties)
            throws Exception {
        org.osgi.service.cm.Configuration configuration =
                configurationAdmin.getFactoryConfiguration("mqtt.client", name, "?");
        configuration.update(properties);
        return configuration;
    }

    private static Hashtable<String, Object> clientProperties(String clientId) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("serverUris", brokerUri());
        properties.put("clientId", clientId);
        properties.put("keepAlive", "30");
        return properties;
    }

    @Test
    public void aConfigurationBecomesAConnectedClientServiceWithoutItsPassword() throws Exception {
        Hashtable<String, Object> properties = clientProperties("it-config-1");
        properties.put("username", "gateway");
        properties.put(".password", "s3cret-value");
        org.osgi.service.cm.Configuration configuration = createClient("first", properties);
        try {
            ServiceReference<MqttClient> reference = Services.awaitReference(context, "(name=first)");
            assertArrayEquals(new String[] {brokerUri()}, (String[]) reference.getProperty("mqtt.server.uris"));
            assertEquals("it-config-1", reference.getProperty("mqtt.client.id"));
            for (String key : reference.getPropertyKeys()) {
                assertFalse("password exposed as " + key,
                        Arrays.deepToString(new Object[] {reference.getProperty(key)}).contains("s3cret-value"));
            }
            MqttClient client = context.getService(reference);
            Services.awaitConnected(client);
            assertFalse(client.options().toString().contains("s3cret-value"));
            client.publishAndWait(MqttMessage.of("itest/config", "hello", Qos.AT_LEAST_ONCE),
                    java.time.Duration.ofSeconds(Services.WAIT_SECONDS));
            context.ungetService(reference);
        } finally {
            configuration.delete();
        }
    }

    @Test
    public void anUpdateReconnectsWithTheNewSettingsAndADeleteUnregisters() throws Exception {
        org.osgi.service.cm.Configuration configuration = createClient("second", clientProperties("it-before"));
        MqttClient before = Services.awaitClient(context, "(&(name=second)(mqtt.client.id=it-before))");
        Services.awaitConnected(before);

        configuration.update(clientProperties("it-after"));
        MqttClient after = Services.awaitClient(context, "(&(name=second)(mqtt.client.id=it-after))");
        Services.awaitConnected(after);
        assertEquals("it-after", after.connection().orElseThrow().clientIdentifier());
        Services.awaitCondition("the old client is closed", () -> before.state() == io.edgemqtt.api.ClientState.CLOSED);

        configuration.delete();
        Services.awaitCondition("the client service is unregistered", () -> {
            try {
                return context.getServiceReferences(MqttClient.class, "(name=second)").isEmpty();
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        Services.awaitCondition("the deleted client is closed", () -> after.state() == io.edgemqtt.api.ClientState.CLOSED);
    }

    @Test
    public void anInvalidValueIsRefusedWithOneClearLineAndOtherClientsGoOn() throws Exception {
        org.osgi.service.cm.Configuration good = createClient("good", clientProperties("it-good"));
        MqttClient goodClient = Services.awaitClient(context, "(name=good)");
        Services.awaitConnected(goodClient);

        CountDownLatch refused = new CountDownLatch(1);
        String[] line = new String[1];
        Logger logger = Logger.getLogger("io.edgemqtt.impl.osgi.ClientComponent");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains("keepAlive")) {
                    line[0] = record.getMessage();
                    refused.countDown();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        Hashtable<String, Object> bad = clientProperties("it-bad");
        bad.put("keepAlive", "ninety");
        org.osgi.service.cm.Configuration badConfiguration = createClient("bad", bad);
        try {
            assertTrue("no log line about keepAlive", refused.await(Services.WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(line[0], line[0].contains("'ninety' is not a whole number"));
            assertTrue("no service for an invalid configuration",
                    context.getServiceReferences(MqttClient.class, "(name=bad)").isEmpty());
            goodClient.publishAndWait(MqttMessage.of("itest/good", "still", Qos.AT_LEAST_ONCE),
                    java.time.Duration.ofSeconds(Services.WAIT_SECONDS));
        } finally {
            logger.removeHandler(capture);
            badConfiguration.delete();
            good.delete();
        }
    }

    @Test
    public void theShellCommandsPublishAndReport() throws Exception {
        org.osgi.service.cm.Configuration configuration = createClient("shell", clientProperties("it-shell"));
        try {
            Services.awaitConnected(Services.awaitClient(context, "(name=shell)"));
            ServiceReference<?> commands = context.getServiceReferences((String) null,
                    "(osgi.command.scope=mqtt)")[0];
            Object service = context.getService(commands);
            assertNotNull(service);
            Method pub = service.getClass().getMethod("pub", String[].class);
            String published = (String) pub.invoke(service, (Object) new String[] {"-c", "shell", "-q", "1",
                "itest/shell", "payload"});
            assertTrue(published, published.contains("acknowledged"));
            String status = (String) service.getClass().getMethod("status").invoke(service);
            assertTrue(status, status.contains("shell: CONNECTED"));
            context.ungetService(commands);
        } finally {
            configuration.delete();
        }
    }

}
