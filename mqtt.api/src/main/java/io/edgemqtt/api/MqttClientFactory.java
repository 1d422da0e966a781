package io.edgemqtt.api;

import java.util.Iterator;
import java.util.ServiceLoader;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates clients. In OSGi it is a service registered by the engine bundle (most OSGi users never need it: each
 * configuration of PID {@code mqtt.client} already is a client service). Outside OSGi, {@link #load()} finds the
 * engine on the class path.
 *
 * <pre>{@code
 * MqttClient client = MqttClientFactory.load()
 *         .newClient("plant", ConnectOptions.builder().serverUri("tcp://broker:1883").clientId("gw-7").build())
 *         .build();
 * client.connect();
 * client.publish(MqttMessage.of("plant/line1/temp", "21.5", Qos.AT_LEAST_ONCE));
 * }</pre>
 */
@ProviderType
public interface MqttClientFactory {
    /**
     * @param name a label for logs and statistics
     * @param options how to connect
     * @return a builder for the optional parts (TLS, persistence, authentication)
     */
    MqttClientBuilder newClient(String name, ConnectOptions options);

    /**
     * Finds the engine outside OSGi, with {@link ServiceLoader} on this type's class loader and then the thread's
     * context class loader. In OSGi, use the service instead.
     *
     * @return the factory
     * @throws IllegalStateException if no engine is on the class path
     */
    static MqttClientFactory load() {
        for (ClassLoader loader : new ClassLoader[] {
            MqttClientFactory.class.getClassLoader(), Thread.currentThread().getContextClassLoader()
        }) {
            if (loader == null) {
                continue;
            }
            Iterator<MqttClientFactory> found = ServiceLoader.load(MqttClientFactory.class, loader).iterator();
            if (found.hasNext()) {
                return found.next();
            }
        }
        throw new IllegalStateException("no MQTT engine on the class path: add the mqtt.impl jar");
    }
}
