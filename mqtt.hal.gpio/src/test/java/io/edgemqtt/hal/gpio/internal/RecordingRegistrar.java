package io.edgemqtt.hal.gpio.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a component registers instead of registering it in a framework. */
public final class RecordingRegistrar implements ServiceRegistrar {
    /** A registration made. */
    public static final class Recorded implements Registration {
        public final List<Class<?>> types;
        public final Object service;
        public final Map<String, ?> properties;
        public volatile boolean closed;

        Recorded(Class<?>[] types, Object service, Map<String, ?> properties) {
            this.types = List.of(types);
            this.service = service;
            this.properties = Map.copyOf(properties);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    public final List<Recorded> registrations = new CopyOnWriteArrayList<>();

    @Override
    public Registration register(Class<?>[] types, Object service, Map<String, ?> properties) {
        Recorded recorded = new Recorded(types, service, properties);
        registrations.add(recorded);
        return recorded;
    }

    /** @return the only registration, failing if there is not exactly one */
    public Recorded only() {
        if (registrations.size() != 1) {
            throw new AssertionError("expected one registration, got " + registrations.size());
        }
        return registrations.get(0);
    }

    /** @return the services registered and not unregistered */
    public long active() {
        return registrations.stream().filter(r -> !r.closed).count();
    }
}
