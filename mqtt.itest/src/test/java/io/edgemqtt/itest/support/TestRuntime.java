package io.edgemqtt.itest.support;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;

/**
 * The OSGi runtime every integration test runs in: one place that lists the bundles, shared by all
 * {@code *IT} classes through {@link #options(Option...)}.
 *
 * <p>The bundle files come from system properties {@code itest.bundle.<name>} that the module's
 * pom sets from the resolved Maven dependencies (reactor modules resolve to their freshly built
 * jars, so nothing has to be installed). Which framework runs is decided by the failsafe execution
 * (only one framework jar is on its classpath); it announces it in {@value #FRAMEWORK_PROPERTY}.
 *
 * <p>Both frameworks get Felix SCR. Config Admin and Metatype differ: on Felix the Apache Felix
 * implementations, on Equinox those of Eclipse Equinox, as in Eclipse Kura's target platform.
 */
public final class TestRuntime {

    /** Set by each failsafe execution: {@code felix} or {@code equinox}. */
    public static final String FRAMEWORK_PROPERTY = "itest.framework";

    /**
     * Port of an MQTT broker on {@code 127.0.0.1}, for tests that need one. A broker started by the
     * test class in its {@code @Configuration} method runs in the same JVM as the framework (native
     * container) and is reachable on loopback; pass its port with {@link #brokerPort(int)}.
     */
    public static final String BROKER_PORT_PROPERTY = "itest.broker.port";

    /**
     * Symbolic names of the project's bundles: all of them are installed and must start. The embedded broker
     * ({@code mqtt.broker}) does nothing without its configuration, so its presence changes no other test.
     */
    public static final List<String> PROJECT_BUNDLES =
            List.of("mqtt.api", "mqtt.impl", "mqtt.tls", "mqtt.hal.gpio", "mqtt.broker");

    /** Symbolic name of the Declarative Services runtime. */
    public static final String SCR_BUNDLE = "org.apache.felix.scr";

    private static final String BUNDLE_PROPERTY_PREFIX = "itest.bundle.";

    /** The frameworks the tests run on, with the symbolic name of their system bundle. */
    public enum Framework {
        FELIX("org.apache.felix.framework"),
        EQUINOX("org.eclipse.osgi");

        private final String systemBundle;

        Framework(String systemBundle) {
            this.systemBundle = systemBundle;
        }

        public String systemBundleSymbolicName() {
            return systemBundle;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private TestRuntime() {
    }

    /** The framework this test JVM was started for (failsafe execution). */
    public static Framework framework() {
        String value = System.getProperty(FRAMEWORK_PROPERTY);
        if (value == null) {
            throw new IllegalStateException("System property " + FRAMEWORK_PROPERTY
                    + " is not set: run the integration tests through Maven (mvn verify)");
        }
        return Framework.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The whole container: test support, DS, Config Admin, Metatype, Bouncy Castle and the project
     * bundles, followed by {@code extra} (configuration, system properties of a single test).
     */
    public static Option[] options(Option... extra) {
        Framework framework = framework();
        List<Option> options = new ArrayList<>();
        options.add(systemProperty(FRAMEWORK_PROPERTY).value(framework.id()));
        options.add(junitBundles());

        // Pax Exam's own bundles need org.slf4j [1.4,2) inside the framework (pax.exam.logging=none);
        // slf4j 1.7 binds statically, without the Service Loader Mediator that slf4j 2 needs
        options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"));
        options.add(bundleFile("slf4j.api"));
        options.add(bundleFile("slf4j.simple"));

        // Declarative Services with the OSGi APIs it needs
        options.add(bundleFile("osgi.util.function"));
        options.add(bundleFile("osgi.util.promise"));
        options.add(bundleFile("osgi.service.component"));
        options.add(bundleFile("scr"));

        // Config Admin and Metatype
        switch (framework) {
            case FELIX:
                options.add(bundleFile("osgi.service.log"));
                options.add(bundleFile("felix.configadmin"));
                options.add(bundleFile("felix.metatype"));
                break;
            case EQUINOX:
                // Equinox exports org.osgi.service.log itself; cm and metatype APIs come as API bundles
                options.add(bundleFile("osgi.service.cm"));
                options.add(bundleFile("osgi.service.metatype"));
                options.add(bundleFile("osgi.service.coordinator"));
                options.add(bundleFile("equinox.cm"));
                options.add(bundleFile("equinox.metatype"));
                break;
        }

        // Bouncy Castle (mqtt.tls)
        options.add(bundleFile("bcprov"));
        options.add(bundleFile("bcutil"));
        options.add(bundleFile("bcpkix"));
        options.add(bundleFile("bctls"));

        for (String name : PROJECT_BUNDLES) {
            options.add(bundleFile(name));
        }
        options.addAll(Arrays.asList(extra));
        return options.toArray(new Option[0]);
    }

    /** Tells the framework on which loopback port the test's MQTT broker listens. */
    public static Option brokerPort(int port) {
        return systemProperty(BROKER_PORT_PROPERTY).value(Integer.toString(port));
    }

    /**
     * One bundle file named by system property {@code itest.bundle.<name>}. Fragments are installed
     * but not started (Equinox refuses to start a fragment).
     */
    public static UrlProvisionOption bundleFile(String name) {
        String key = BUNDLE_PROPERTY_PREFIX + name;
        String path = System.getProperty(key);
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("System property " + key
                    + " is not set: add it to the failsafe configuration in mqtt.itest/pom.xml");
        }
        File file = new File(path);
        if (!file.isFile()) {
            throw new IllegalStateException(key + " names " + file
                    + ", which is not a file (was the module packaged?)");
        }
        UrlProvisionOption option = bundle(file.toURI().toString());
        return isFragment(file) ? option.noStart() : option.start();
    }

    private static boolean isFragment(File file) {
        try (JarFile jar = new JarFile(file)) {
            Manifest manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
