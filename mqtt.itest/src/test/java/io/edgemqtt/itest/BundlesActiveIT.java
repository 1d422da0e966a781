package io.edgemqtt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.edgemqtt.itest.support.BundleStates;
import io.edgemqtt.itest.support.TestRuntime;

/**
 * The runtime comes up: every project bundle, the DS runtime and the rest of the container are
 * active, with Config Admin and Metatype services available.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundlesActiveIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return TestRuntime.options();
    }

    @Test
    public void runsOnTheFrameworkOfThisExecution() {
        String expected = TestRuntime.framework().systemBundleSymbolicName();
        assertEquals("system bundle", expected, context.getBundle(0).getSymbolicName());
    }

    @Test
    public void projectBundlesAreActive() {
        List<String> problems = BundleStates.problems(context, TestRuntime.PROJECT_BUNDLES);
        assertTrue("project bundles not active on " + TestRuntime.framework().id() + ": " + problems,
                problems.isEmpty());
    }

    @Test
    public void declarativeServicesRuntimeIsActive() {
        List<String> problems = BundleStates.problems(context, List.of(TestRuntime.SCR_BUNDLE));
        assertTrue("DS runtime: " + problems, problems.isEmpty());
        assertNotNull("no ServiceComponentRuntime service",
                context.getServiceReference("org.osgi.service.component.runtime.ServiceComponentRuntime"));
    }

    @Test
    public void wholeRuntimeIsActiveWithConfigAdminAndMetatype() {
        List<String> names = Arrays.stream(context.getBundles())
                .filter(b -> b.getBundleId() != 0)
                .map(Bundle::getSymbolicName)
                .collect(Collectors.toList());
        List<String> problems = BundleStates.problems(context, names);
        assertTrue("runtime bundles not active on " + TestRuntime.framework().id() + ": " + problems,
                problems.isEmpty());
        assertNotNull("no ConfigurationAdmin service",
                context.getServiceReference("org.osgi.service.cm.ConfigurationAdmin"));
        assertNotNull("no MetaTypeService service",
                context.getServiceReference("org.osgi.service.metatype.MetaTypeService"));
    }
}
