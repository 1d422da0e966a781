package io.edgemqtt.hal.gpio.internal;

import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers services on behalf of a component. Components register their services themselves, after their
 * configuration was found valid, so that an invalid configuration registers nothing at all (a DS-declared service
 * would be registered before the component had a chance to refuse its configuration). Tests pass a recorder.
 */
@FunctionalInterface
public interface ServiceRegistrar {
    /**
     * @param types the service's types
     * @param service the service object
     * @param properties the service properties
     * @return the registration, closed to unregister
     */
    Registration register(Class<?>[] types, Object service, Map<String, ?> properties);

    /** A registered service; closing it unregisters the service (once; later calls do nothing). */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param context the component's bundle context
     * @return a registrar registering in the framework
     */
    static ServiceRegistrar of(BundleContext context) {
        return (types, service, properties) -> {
            String[] names = new String[types.length];
            for (int i = 0; i < types.length; i++) {
                names[i] = types[i].getName();
            }
            ServiceRegistration<?> registration = context.registerService(names, service, new Hashtable<>(properties));
            return new Registration() {
                private boolean closed;

                @Override
                public synchronized void close() {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    try {
                        registration.unregister();
                    } catch (IllegalStateException alreadyGone) {
                        // the bundle is stopping and the framework unregistered it first
                    }
                }
            };
        };
    }
}
