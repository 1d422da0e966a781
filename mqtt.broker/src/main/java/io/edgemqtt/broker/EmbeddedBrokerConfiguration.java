package io.edgemqtt.broker;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype of PID {@code mqtt.broker}: what Kura's UI and the Felix web console render. The component reads the raw
 * properties itself ({@link BrokerSettings}), so that a wrong value is reported with its property name.
 */
@ObjectClassDefinition(
        id = EmbeddedBrokerConfiguration.PID,
        name = "Embedded MQTT broker",
        description = "An MQTT 3.1.1 broker (Moquette) inside this runtime, for the applications on the device and "
                + "for trying the gateway without an external broker. Nothing else depends on it.")
@interface EmbeddedBrokerConfiguration {
    String PID = "mqtt.broker";

    @AttributeDefinition(name = "Enabled",
            description = "False stops the broker (and leaves no thread behind); true starts it.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Bind address",
            description = "The address the broker listens on. 127.0.0.1 (the default) accepts connections from this "
                    + "device only; 0.0.0.0 from every network.")
    String bindAddress() default BrokerSettings.DEFAULT_BIND_ADDRESS;

    @AttributeDefinition(name = "Port", min = "0", max = "65535",
            description = "TCP port for MQTT. 0: any free port.")
    int port() default BrokerSettings.DEFAULT_PORT;

    @AttributeDefinition(name = "Fall back to a free port",
            description = "If the port is taken, listen on a free port instead (one log line names it). Clients "
                    + "configured with the fixed port do not find the broker there. False: do not start then.")
    boolean portFallback() default true;

    @AttributeDefinition(name = "Persistence",
            description = "Keep sessions, subscriptions, queued QoS 1/2 messages and retained messages across "
                    + "restarts, in the persistence folder. False: in memory only.")
    boolean persistence_enabled() default true;

    @AttributeDefinition(name = "Persistence folder",
            description = "Relative paths are relative to the runtime's working directory.")
    String persistence_directory() default BrokerSettings.DEFAULT_PERSISTENCE_DIRECTORY;

    @AttributeDefinition(name = "Maximum message size (bytes)", min = "1024", max = "268435455",
            description = "Largest MQTT packet the broker accepts from a client; a larger one closes the connection.")
    int maximumMessageSize() default BrokerSettings.DEFAULT_MAXIMUM_MESSAGE_SIZE;

    @AttributeDefinition(name = "Allow anonymous clients",
            description = "Accept clients that send no user name. When this property is not set: true if the bind "
                    + "address is a loopback address, false otherwise.")
    boolean allowAnonymous() default true;

    @AttributeDefinition(name = "User name", required = false,
            description = "A client that sends a user name must send this one with the password below. Empty: any "
                    + "user name and password are accepted.")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Kept private: never a service property, never logged.")
    String _password() default "";
}
