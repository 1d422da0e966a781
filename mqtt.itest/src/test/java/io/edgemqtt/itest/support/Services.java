package io.edgemqtt.itest.support;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.edgemqtt.api.ClientState;
import io.edgemqtt.api.MqttClient;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** Bounded waits for services and states inside the framework. */
public final class Services {
    /** How long a test waits for something that should happen. */
    public static final long WAIT_SECONDS = 30;

    private Services() {}

    /**
     * @param context the probe's context
     * @param filter an LDAP filter over MqttClient services
     * @return the client, once registered
     * @throws Exception if interrupted or the filter is wrong
     */
    public static MqttClient awaitClient(BundleContext context, String filter) throws Exception {
        ServiceTracker<MqttClient, MqttClient> tracker = tracker(context, filter);
        try {
            MqttClient client = tracker.waitForService(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertNotNull("no MqttClient service " + filter + " within " + WAIT_SECONDS + " s", client);
            return client;
        } finally {
            tracker.close();
        }
    }

    /**
     * @param context the probe's context
     * @param filter an LDAP filter over MqttClient services
     * @return the service reference, once registered
     * @throws Exception if interrupted
     */
    public static ServiceReference<MqttClient> awaitReference(BundleContext context, String filter) throws Exception {
        ServiceTracker<MqttClient, MqttClient> tracker = tracker(context, filter);
        try {
            assertNotNull("no MqttClient service " + filter,
                    tracker.waitForService(TimeUnit.SECONDS.toMillis(WAIT_SECONDS)));
            return tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }

    /**
     * @param client a client
     * @throws InterruptedException if interrupted
     */
    public static void awaitConnected(MqttClient client) throws InterruptedException {
        client.connectAndWait(java.time.Duration.ofSeconds(WAIT_SECONDS));
        assertTrue(client.state() == ClientState.CONNECTED);
    }

    /**
     * Waits until {@code condition} holds, re-checking when the framework's service registry changes or every 50 ms.
     *
     * @param what what is awaited, for the failure message
     * @param condition the condition
     * @throws InterruptedException if interrupted
     */
    public static void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            assertTrue("not within " + WAIT_SECONDS + " s: " + what, System.nanoTime() < deadline);
            synchronized (monitor) {
                monitor.wait(50); // nothing to be notified by: a bounded re-check
            }
        }
    }

    private static ServiceTracker<MqttClient, MqttClient> tracker(BundleContext context, String filter)
            throws InvalidSyntaxException {
        Filter combined = FrameworkUtil.createFilter("(&(objectClass=" + MqttClient.class.getName() + ")" + filter + ")");
        ServiceTracker<MqttClient, MqttClient> tracker = new ServiceTracker<>(context, combined, null);
        tracker.open();
        return tracker;
    }
}
