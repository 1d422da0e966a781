package io.edgemqtt.impl.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class the JVM-wide {@link HiveMqBroker#shared() shared HiveMQ broker}, started before the class's first
 * test, and stops it when the whole JUnit run ends (not after the class: starting costs 0.7 s, stopping 4 s). Test and
 * lifecycle methods may declare a {@link HiveMqBroker} parameter.
 *
 * <pre>
 * &#64;ExtendWith(HiveMqExtension.class)
 * class ConnectTest {
 *     &#64;Test
 *     void connects(HiveMqBroker broker) { client(broker.uri()).connect(); }
 * }
 * </pre>
 */
public final class HiveMqExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HiveMqExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    private static HiveMqBroker broker(ExtensionContext context) {
        // The root store is closed when the JUnit run ends: the shared broker stops there, before the JVM exits
        // (the shutdown hook is only the fallback for brokers started outside this extension).
        context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(StopAtEndOfRun.class, key -> new StopAtEndOfRun(), StopAtEndOfRun.class);
        return HiveMqBroker.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == HiveMqBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker(extensionContext);
    }

    private static final class StopAtEndOfRun implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            HiveMqBroker.stopShared();
        }
    }
}
