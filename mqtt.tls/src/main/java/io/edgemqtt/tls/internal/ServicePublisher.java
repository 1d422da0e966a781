package io.edgemqtt.tls.internal;

import io.edgemqtt.api.spi.TransportSecurity;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Registers a profile's service; the OSGi one goes through the bundle context, tests record what happens. */
interface ServicePublisher {
    /** A registered service. */
    interface Registration {
        /** Unregisters it; idempotent. */
        void unregister();
    }

    /**
     * @param service the profile
     * @param properties its service properties
     * @return the registration
     */
    Registration register(TransportSecurity service, Map<String, Object> properties);

    static ServicePublisher of(BundleContext context) {
        return (service, properties) -> {
            Dictionary<String, Object> dictionary = new Hashtable<>(properties);
            ServiceRegistration<TransportSecurity> registration =
                    context.registerService(TransportSecurity.class, service, dictionary);
            return () -> {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    // already unregistered (the bundle is stopping)
                }
            };
        };
    }
}
