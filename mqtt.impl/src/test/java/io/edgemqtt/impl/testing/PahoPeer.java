package io.edgemqtt.impl.testing;

import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An independent MQTT 3.1.1 client (Eclipse Paho mqttv3, a test-only dependency) to check a broker, or later our own
 * client, from the other side. In-memory persistence (Paho's default writes files into the working folder), no
 * automatic reconnect, clean session unless asked otherwise; every wait is bounded.
 */
public final class PahoPeer implements AutoCloseable {

    /** A message as Paho delivered it. */
    public static final class Received {
        /** Topic name. */
        public final String topic;
        /** The message (payload, QoS, retain flag). */
        public final MqttMessage message;

        Received(String topic, MqttMessage message) {
            this.topic = topic;
            this.message = message;
        }

        /** @return the payload as UTF-8 */
        public String text() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }

    private static final int TIMEOUT_SECONDS = 10;

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private PahoPeer(MqttClient client) {
        this.client = client;
    }

    /**
     * Connects anonymously with a clean session.
     *
     * @param uri e.g. {@code tcp://127.0.0.1:1883}
     * @param clientId the client id
     * @return the connected peer
     * @throws MqttException if the broker refuses or cannot be reached
     */
    public static PahoPeer connect(String uri, String clientId) throws MqttException {
        return connect(uri, clientId, null, null, true);
    }

    /**
     * @param uri e.g. {@code tcp://127.0.0.1:1883}
     * @param clientId the client id
     * @param username user name or null
     * @param password password or null
     * @param cleanSession 3.1.1 clean session flag
     * @return the connected peer
     * @throws MqttException if the broker refuses ({@link MqttException#getReasonCode()} is the CONNACK code) or
     *         cannot be reached
     */
    public static PahoPeer connect(String uri, String clientId, String username, String password,
            boolean cleanSession) throws MqttException {
        MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        client.setTimeToWait(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(TIMEOUT_SECONDS);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(1000);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        PahoPeer peer = new PahoPeer(client);
        try {
            client.connect(options);
        } catch (MqttException e) {
            peer.closeQuietly();
            throw e;
        }
        return peer;
    }

    /**
     * Subscribes; messages go to {@link #awaitMessage(Duration)}.
     *
     * @param filter topic filter
     * @param qos requested QoS
     * @return the granted QoS from the SUBACK (128 = refused)
     * @throws MqttException on failure other than a refusal
     */
    public int subscribe(String filter, int qos) throws MqttException {
        IMqttToken token = client.subscribeWithResponse(new String[] {filter}, new int[] {qos},
                new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
                    (topic, message) -> received.add(new Received(topic, message))});
        return token.getGrantedQos()[0];
    }

    /**
     * Publishes and, for QoS 1 and 2, waits for the flow to complete.
     *
     * @param topic topic name
     * @param payload UTF-8 text
     * @param qos QoS
     * @param retained retain flag
     * @throws MqttException on failure
     */
    public void publish(String topic, String payload, int qos, boolean retained) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
    }

    /**
     * @param timeout the longest wait
     * @return the next message received
     * @throws AssertionError if none arrived in time
     */
    public Received awaitMessage(Duration timeout) {
        try {
            Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("no message within " + timeout);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return the underlying Paho client */
    public MqttClient client() {
        return client;
    }

    /** Disconnects (bounded) and releases Paho's resources. */
    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (client.isConnected()) {
                client.disconnect(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            }
        } catch (MqttException e) {
            try {
                client.disconnectForcibly(0, 1000);
            } catch (MqttException ignored) {
                // the connection is gone either way
            }
        } finally {
            try {
                client.close();
            } catch (MqttException ignored) {
                // already closed
            }
        }
    }
}
