package io.edgemqtt.impl.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One {@link MosquittoBroker} per test class: started before the class's first test, always stopped (and its folder
 * deleted) after the class, even when tests or the start fail. Register it as a {@code static} field:
 *
 * <pre>
 * class RestartInteropTest {
 *     &#64;RegisterExtension
 *     static final MosquittoExtension MOSQUITTO = new MosquittoExtension(MosquittoConfig.builder().persistence().build());
 *
 *     &#64;Test
 *     void survivesRestart() { connect(MOSQUITTO.uri()); MOSQUITTO.broker().restart(); ... }
 * }
 * </pre>
 *
 * <ul>
 * <li>mosquitto missing: the class is skipped, or fails when {@code -Dmqtt.interop.required=true}
 * ({@link InteropRequirement});</li>
 * <li>a test that stopped or killed the broker and did not start it again leaves it stopped: the next test gets it
 * started again (same port, same persistence folder);</li>
 * <li>a failed test gets the broker's log printed to its output (the surefire report's {@code -output.txt});</li>
 * <li>test and lifecycle methods may declare a {@link MosquittoBroker} parameter.</li>
 * </ul>
 */
public final class MosquittoExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, TestWatcher, ParameterResolver {

    private final MosquittoConfig config;
    private volatile MosquittoBroker broker;

    /** A plain broker ({@link MosquittoConfig#plain()}). */
    public MosquittoExtension() {
        this(MosquittoConfig.plain());
    }

    /** @param config the broker's configuration */
    public MosquittoExtension(MosquittoConfig config) {
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        InteropRequirement.assumeMosquittoOrFail(config.dynamicSecurity() != null);
        broker = MosquittoBroker.start(config);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        MosquittoBroker current = broker;
        if (current == null) {
            throw new IllegalStateException("MosquittoExtension must be registered on a static field"
                    + " (@RegisterExtension static final MosquittoExtension ...)");
        }
        if (!current.isRunning()) {
            current.start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        MosquittoBroker current = broker;
        broker = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        MosquittoBroker current = broker;
        if (current != null) {
            System.out.println("---- " + current + ", log of " + context.getDisplayName() + ":\n" + current.log()
                    + "---- end of mosquitto log");
        }
    }

    /**
     * @return the class's broker
     * @throws IllegalStateException outside the class's tests
     */
    public MosquittoBroker broker() {
        MosquittoBroker current = broker;
        if (current == null) {
            throw new IllegalStateException("no broker: use it from the tests of the class that registers it");
        }
        return current;
    }

    /** @return {@code tcp://127.0.0.1:<port>} of its plain listener */
    public String uri() {
        return broker().uri();
    }

    /** @return the port of its plain listener */
    public int port() {
        return broker().port();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == MosquittoBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker();
    }
}
