package io.edgemqtt.impl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The skip-or-fail rule for interop tests when mosquitto is missing (simulated with a wrong executable path). */
class InteropRequirementTest {

    private String savedRequired;
    private String savedExecutable;

    @BeforeEach
    void save() {
        savedRequired = System.getProperty(InteropRequirement.REQUIRED_PROPERTY);
        savedExecutable = System.getProperty(MosquittoInstallation.EXECUTABLE_PROPERTY);
        System.setProperty(MosquittoInstallation.EXECUTABLE_PROPERTY, "/nonexistent/mosquitto");
    }

    @AfterEach
    void restore() {
        restore(InteropRequirement.REQUIRED_PROPERTY, savedRequired);
        restore(MosquittoInstallation.EXECUTABLE_PROPERTY, savedExecutable);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void verdicts() {
        assertEquals(InteropRequirement.Verdict.RUN, InteropRequirement.verdict(true, true));
        assertEquals(InteropRequirement.Verdict.RUN, InteropRequirement.verdict(true, false));
        assertEquals(InteropRequirement.Verdict.SKIP, InteropRequirement.verdict(false, false));
        assertEquals(InteropRequirement.Verdict.FAIL, InteropRequirement.verdict(false, true));
    }

    @Test
    void missingMosquittoIsASkipByDefault() {
        System.clearProperty(InteropRequirement.REQUIRED_PROPERTY);
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> InteropRequirement.assumeMosquittoOrFail(false));
        assertTrue(skipped.getMessage().contains("-Dmqtt.interop.required=true"), skipped.getMessage());
    }

    @Test
    void missingMosquittoIsAFailureWhenRequired() {
        System.setProperty(InteropRequirement.REQUIRED_PROPERTY, "true");
        AssertionError failed = assertThrows(AssertionError.class,
                () -> InteropRequirement.assumeMosquittoOrFail(false));
        assertTrue(failed.getMessage().contains("not installed"), failed.getMessage());
    }
}
