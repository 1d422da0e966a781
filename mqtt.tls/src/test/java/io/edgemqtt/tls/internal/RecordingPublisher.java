package io.edgemqtt.tls.internal;

import io.edgemqtt.api.spi.TransportSecurity;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link ServicePublisher} that records registrations and unregistrations in order. */
final class RecordingPublisher implements ServicePublisher {
    /** One registration. */
    static final class Entry {
        final TransportSecurity service;
        final Map<String, Object> properties;
        volatile boolean unregistered;

        Entry(TransportSecurity service, Map<String, Object> properties) {
            this.service = service;
            this.properties = properties;
        }
    }

    final List<Entry> registered = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public Registration register(TransportSecurity service, Map<String, Object> properties) {
        Entry entry = new Entry(service, Map.copyOf(properties));
        registered.add(entry);
        events.add("register");
        return () -> {
            if (!entry.unregistered) {
                entry.unregistered = true;
                events.add("unregister");
            }
        };
    }

    List<Entry> live() {
        return registered.stream().filter(e -> !e.unregistered).collect(java.util.stream.Collectors.toList());
    }

    String nextEvent(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }
}
