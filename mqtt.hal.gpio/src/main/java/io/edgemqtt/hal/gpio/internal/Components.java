package io.edgemqtt.hal.gpio.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;

/** What every component of this bundle logs the same way. */
public final class Components {
    private Components() {}

    /**
     * @param properties the component properties
     * @param factoryPid the configuration's (factory) PID, used when the properties carry none
     * @return the configuration's PID, to name it in log lines
     */
    public static String pid(Map<String, ?> properties, String factoryPid) {
        Object pid = properties == null ? null : properties.get("service.pid");
        return pid == null ? factoryPid : pid.toString();
    }

    /**
     * Logs the one line an invalid configuration gets.
     *
     * @param log the component's logger
     * @param pid the configuration's PID
     * @param e what is wrong
     */
    public static void logInvalid(Logger log, String pid, ConfigException e) {
        log.log(Level.ERROR, "{0}: invalid configuration: property ''{1}'' {2}; the component stays inactive", pid,
                e.property(), e.problem());
    }

    /**
     * Logs the one line a component gets when its device cannot be set up.
     *
     * @param log the component's logger
     * @param pid the configuration's PID
     * @param what the device, for example {@code GPIO 529}
     * @param e the failure
     */
    public static void logSetupFailed(Logger log, String pid, String what, Exception e) {
        log.log(Level.ERROR, "{0}: cannot set up {1}: {2}; the component stays inactive", pid, what,
                e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
