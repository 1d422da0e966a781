package io.edgemqtt.impl.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

import java.util.Optional;

/**
 * Decides what happens to an interop test when mosquitto is missing: it is skipped with a message saying so, or, when
 * the system property {@value #REQUIRED_PROPERTY} is {@code true} (CI: {@code .ci/run}), it FAILS, so that CI can never
 * go green with its interop suite silently skipped.
 *
 * <p>Interop tests are classes whose simple name (or an enclosing class's, for {@code @Nested}) ends in
 * {@code InteropTest}, and classes or methods tagged {@value #TAG}. This extension is registered for every test class
 * through JUnit's extension auto-detection ({@code META-INF/services} plus {@code junit-platform.properties}), so a
 * test does not have to remember to add it. {@link MosquittoExtension} applies the same rule to any class using it.
 */
public final class InteropRequirement implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {

    /** System property: {@code true} makes a missing mosquitto a test failure instead of a skip. */
    public static final String REQUIRED_PROPERTY = "mqtt.interop.required";
    /** JUnit tag of interop tests. */
    public static final String TAG = "interop";
    /** Class name suffix of interop tests. */
    public static final String CLASS_SUFFIX = "InteropTest";

    /** What to do with an interop test. */
    enum Verdict {
        /** mosquitto is there: run. */
        RUN,
        /** mosquitto is missing and not required: skip. */
        SKIP,
        /** mosquitto is missing but required: fail. */
        FAIL
    }

    static Verdict verdict(boolean installed, boolean required) {
        if (installed) {
            return Verdict.RUN;
        }
        return required ? Verdict.FAIL : Verdict.SKIP;
    }

    /** @return whether the run requires the interop tests to run ({@value #REQUIRED_PROPERTY}) */
    public static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRED_PROPERTY, "false").trim());
    }

    static String missingMessage(String what) {
        return what + " is not installed (looked on PATH, /usr/sbin and /usr/local/sbin; see "
                + MosquittoInstallation.class.getSimpleName() + ")";
    }

    /**
     * Called by fixtures before they start mosquitto: returns normally when it can run, aborts the test (skip) when it
     * is missing and not required, and throws an {@link AssertionError} (failure) when it is missing but required.
     *
     * @param needsDynamicSecurity whether the dynamic-security plugin is needed too
     */
    public static void assumeMosquittoOrFail(boolean needsDynamicSecurity) {
        check(MosquittoInstallation.isInstalled(), missingMessage("mosquitto"));
        if (needsDynamicSecurity) {
            check(MosquittoInstallation.dynamicSecurityPlugin().isPresent(),
                    missingMessage("mosquitto's dynamic-security plugin (mosquitto_dynamic_security.so)"));
        }
    }

    private static void check(boolean installed, String message) {
        switch (verdict(installed, required())) {
            case RUN:
                return;
            case SKIP:
                throw new TestAbortedException("Skipping interop test: " + message
                        + ". Install it (apt-get install mosquitto) or run with -D" + REQUIRED_PROPERTY
                        + "=true to make this a failure.");
            default:
                throw new AssertionError("Interop test cannot run: " + message + ", and -D" + REQUIRED_PROPERTY
                        + "=true requires it. Install it (apt-get install mosquitto mosquitto-clients; .ci/run does).");
        }
    }

    static boolean isInteropTest(ExtensionContext context) {
        if (context.getTags().contains(TAG)) {
            return true;
        }
        Optional<Class<?>> testClass = context.getTestClass();
        for (Class<?> type = testClass.orElse(null); type != null; type = type.getEnclosingClass()) {
            if (type.getSimpleName().endsWith(CLASS_SUFFIX)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!isInteropTest(context)) {
            return ConditionEvaluationResult.enabled("not an interop test");
        }
        switch (verdict(MosquittoInstallation.isInstalled(), required())) {
            case RUN:
                return ConditionEvaluationResult.enabled("mosquitto is installed");
            case SKIP:
                return ConditionEvaluationResult.disabled("Skipping interop test: " + missingMessage("mosquitto")
                        + ". Install it or run with -D" + REQUIRED_PROPERTY + "=true to make this a failure.");
            default:
                // enabled on purpose: beforeAll then fails the class
                return ConditionEvaluationResult.enabled("mosquitto missing but required: the test will fail");
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (isInteropTest(context)) {
            assumeMosquittoOrFail(false);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // a method tagged interop in an ordinary class
        if (isInteropTest(context)) {
            assumeMosquittoOrFail(false);
        }
    }
}
