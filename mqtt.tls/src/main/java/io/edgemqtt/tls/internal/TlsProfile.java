package io.edgemqtt.tls.internal;

import io.edgemqtt.api.spi.TransportSecurity;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * One configured profile over its lifetime: builds the {@link TransportSecurity} from the settings, registers it
 * when the material is valid, and replaces it (register the new, then unregister the old) when the files change on disk.
 * Invalid material at the start registers nothing; invalid material after a change keeps the previous service, so a
 * half-finished or broken rotation never takes working clients offline. Either way one log line says which property
 * is wrong and why.
 */
final class TlsProfile implements AutoCloseable {
    private static final Logger LOG = System.getLogger("io.edgemqtt.tls");

    private final String pid;
    private final ProfileSettings settings;
    private final ServicePublisher publisher;
    private AutoCloseable watch;
    private ServicePublisher.Registration registration;
    private TransportSecurity current;
    private boolean closed;

    /**
     * @param pid the configuration's PID, for log lines
     * @param settings the checked settings
     * @param watcher the bundle's file watcher
     * @param publisher registers the service
     */
    TlsProfile(String pid, ProfileSettings settings, MaterialWatcher watcher, ServicePublisher publisher) {
        this.pid = pid;
        this.settings = settings;
        this.publisher = publisher;
        synchronized (this) {
            try {
                publish(BcTransportSecurity.create(settings));
                LOG.log(Level.INFO, "{0} ({1}): registered, {2}", describe(), pid, settings);
            } catch (TlsConfigException e) {
                logInvalid(pid, settings.name(), e);
            }
            // watched also when invalid: fixing the files brings the profile up without touching the configuration
            if (!settings.files().isEmpty()) {
                watch = watcher.watch(settings.files(), this::filesChanged);
            }
        }
    }

    /**
     * Logs an invalid configuration: one line, the property and the problem, no secret.
     *
     * @param pid the configuration's PID
     * @param name the profile name
     * @param e what is wrong
     */
    static void logInvalid(String pid, String name, TlsConfigException e) {
        LOG.log(Level.ERROR, "TLS profile ''{0}'' ({1}) is invalid, no TLS profile registered: {2}", name, pid,
                e.getMessage());
    }

    private String describe() {
        return "TLS profile '" + settings.name() + "'";
    }

    synchronized void filesChanged() {
        if (closed) {
            return;
        }
        BcTransportSecurity replacement;
        try {
            replacement = BcTransportSecurity.create(settings);
        } catch (TlsConfigException e) {
            if (registration != null) {
                LOG.log(Level.WARNING, "{0} ({1}): its files changed but are invalid now, the previous certificates"
                        + " stay in use until they are fixed: {2}", describe(), pid, e.getMessage());
            } else {
                logInvalid(pid, settings.name(), e);
            }
            return;
        }
        // The new service first, then the old one goes: the profile never disappears, so a client using it is
        // handed the new material (it reconnects and keeps its session) instead of being closed for lack of a profile.
        ServicePublisher.Registration previous = registration;
        publish(replacement);
        if (previous != null) {
            previous.unregister();
        }
        boolean replacing = previous != null;
        LOG.log(Level.INFO, "{0} ({1}): {2}", describe(), pid, replacing
                ? "certificate or key files changed, service replaced" : "files fixed, registered");
    }

    private void publish(TransportSecurity security) {
        current = security;
        registration = publisher.register(security, Map.of(TransportSecurity.PROFILE_PROPERTY, settings.name(),
                "service.description", "MQTT TLS profile " + settings.name()));
    }

    private void unpublish() {
        if (registration != null) {
            registration.unregister();
            registration = null;
            current = null;
        }
    }

    /** @return the registered profile, or null */
    synchronized TransportSecurity current() {
        return current;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                // the watch only removes itself from a list
            }
            watch = null;
        }
        unpublish();
    }
}
