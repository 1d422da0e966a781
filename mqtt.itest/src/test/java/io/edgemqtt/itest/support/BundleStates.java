package io.edgemqtt.itest.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/** Runs inside the framework: reads bundle states and explains the ones that are not as expected. */
public final class BundleStates {

    private BundleStates() {
    }

    /**
     * One line per bundle of {@code symbolicNames} that is missing, installed twice, or not
     * {@code ACTIVE} (a fragment must be {@code RESOLVED}); empty when all are fine.
     */
    public static List<String> problems(BundleContext context, Collection<String> symbolicNames) {
        List<String> problems = new ArrayList<>();
        for (String name : symbolicNames) {
            List<Bundle> found = Arrays.stream(context.getBundles())
                    .filter(b -> name.equals(b.getSymbolicName()))
                    .collect(Collectors.toList());
            if (found.isEmpty()) {
                problems.add(name + ": not installed");
            } else if (found.size() > 1) {
                problems.add(name + ": installed " + found.size() + " times: " + found);
            } else {
                Bundle bundle = found.get(0);
                int expected = isFragment(bundle) ? Bundle.RESOLVED : Bundle.ACTIVE;
                if (bundle.getState() != expected) {
                    problems.add(name + " " + bundle.getVersion() + ": " + stateName(bundle.getState())
                            + ", expected " + stateName(expected) + reason(bundle));
                }
            }
        }
        return problems;
    }

    public static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    public static String stateName(int state) {
        switch (state) {
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "state " + state;
        }
    }

    /**
     * The framework's own explanation, got by starting the bundle once more: an unresolved bundle
     * names the requirement it misses, a failing activator gives its exception.
     */
    private static String reason(Bundle bundle) {
        int state = bundle.getState();
        if ((state != Bundle.INSTALLED && state != Bundle.RESOLVED) || isFragment(bundle)) {
            return "";
        }
        try {
            bundle.start(Bundle.START_TRANSIENT);
            return " (started on a second attempt)";
        } catch (BundleException | RuntimeException e) {
            Throwable cause = e.getCause();
            return " (" + e.getMessage() + (cause == null ? "" : "; caused by " + cause) + ")";
        }
    }
}
