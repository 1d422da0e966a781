package io.edgemqtt.impl.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Metatype of PID {@code mqtt.client}: what Kura's UI and the Felix web console render. The component reads the raw
 * properties itself ({@link ClientSettings}), so that a wrong value is reported with its property name.
 */
@ObjectClassDefinition(
        id = ClientConfiguration.PID,
        name = "MQTT client",
        description = "One MQTT connection, registered as an MqttClient service named after this configuration.")
@interface ClientConfiguration {
    String PID = "mqtt.client";

    @AttributeDefinition(name = "Name", required = false,
            description = "Service property 'name' that consumers select the client by. Default: the configuration's "
                    + "name (conf/mqtt.client-NAME.cfg gives NAME).")
    String name() default "";

    @AttributeDefinition(name = "Server URIs",
            description = "tcp://host:port, mqtt://, ssl:// or mqtts:// (TLS, port 8883 by default); several are "
                    + "tried in turn. A comma-separated list is accepted too.")
    String[] serverUris() default {"tcp://127.0.0.1:1883"};

    @AttributeDefinition(name = "Protocol version", options = {
        @Option(label = "MQTT 3.1.1", value = "3.1.1"), @Option(label = "MQTT 5", value = "5")
    })
    String protocolVersion() default "3.1.1";

    @AttributeDefinition(name = "Client identifier", required = false,
            description = "Empty: the broker assigns one (then the session cannot be resumed).")
    String clientId() default "";

    @AttributeDefinition(name = "Clean start",
            description = "Start a new session on connect. False keeps the session across connections.")
    boolean cleanStart() default true;

    @AttributeDefinition(name = "Session expiry interval (s)", min = "0", max = "4294967295",
            description = "MQTT 5: how long the broker keeps the session after a disconnect.")
    long sessionExpiryInterval() default 0;

    @AttributeDefinition(name = "Keep-alive (s)", min = "0", max = "65535")
    int keepAlive() default 60;

    @AttributeDefinition(name = "User name", required = false)
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Kept private: never a service property, never logged.")
    String _password() default "";

    @AttributeDefinition(name = "Will topic", required = false, description = "Empty: no will.")
    String will_topic() default "";

    @AttributeDefinition(name = "Will payload", required = false)
    String will_payload() default "";

    @AttributeDefinition(name = "Will QoS", options = {
        @Option(label = "0", value = "0"), @Option(label = "1", value = "1"), @Option(label = "2", value = "2")
    })
    int will_qos() default 1;

    @AttributeDefinition(name = "Will retained")
    boolean will_retain() default false;

    @AttributeDefinition(name = "In-flight window", min = "1", max = "65535",
            description = "Most unacknowledged QoS 1/2 publishes.")
    int inflightWindow() default 1000;

    @AttributeDefinition(name = "Receive queue capacity", min = "1")
    int receiveQueueCapacity() default 5000;

    @AttributeDefinition(name = "Receive queue overflow policy", options = {
        @Option(label = "Drop the oldest", value = "DROP_OLDEST"),
        @Option(label = "Drop the newest", value = "DROP_NEWEST"),
        @Option(label = "Back-pressure (stop reading)", value = "BACK_PRESSURE")
    })
    String receiveOverflowPolicy() default "DROP_OLDEST";

    @AttributeDefinition(name = "Offline buffer capacity", min = "0",
            description = "Publishes held while not connected.")
    int offlineBufferCapacity() default 10000;

    @AttributeDefinition(name = "Offline buffer overflow policy", options = {
        @Option(label = "Refuse the newest", value = "DROP_NEWEST"),
        @Option(label = "Drop the oldest", value = "DROP_OLDEST")
    })
    String offlineOverflowPolicy() default "DROP_NEWEST";

    @AttributeDefinition(name = "Reconnect", description = "Reconnect by itself, with exponential backoff.")
    boolean reconnect_enabled() default true;

    @AttributeDefinition(name = "Reconnect initial delay (ms)", min = "1")
    long reconnect_initialDelayMs() default 1000;

    @AttributeDefinition(name = "Reconnect maximum delay (ms)", min = "1")
    long reconnect_maxDelayMs() default 120000;

    @AttributeDefinition(name = "Maximum packet size (bytes)", min = "16",
            description = "Largest packet accepted from the broker.")
    int maximumPacketSize() default 16777216;

    @AttributeDefinition(name = "Maximum payload size (bytes)", min = "0",
            description = "Largest payload published; 0: no limit of our own (IBM's platform: 131072).")
    int maximumPayloadSize() default 0;

    @AttributeDefinition(name = "Connect timeout (s)", min = "1")
    int connectTimeout() default 30;

    @AttributeDefinition(name = "Persistence folder", required = false,
            description = "Keep unacknowledged QoS 1/2 publishes in files here (survives restarts; needs a client "
                    + "identifier). Empty: in memory.")
    String persistence_directory() default "";

    @AttributeDefinition(name = "TLS profile", required = false,
            description = "Name of the mqtt.tls profile for ssl:// and mqtts:// servers.")
    String tls_profile() default "";
}
