package io.edgemqtt.hal.gpio.internal.sim;

import io.edgemqtt.hal.gpio.api.DigitalInput;
import io.edgemqtt.hal.gpio.api.HalProperties;
import io.edgemqtt.hal.gpio.internal.Check;
import io.edgemqtt.hal.gpio.internal.Components;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.HalThreads;
import io.edgemqtt.hal.gpio.internal.ServiceRegistrar;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Factory PID {@value #PID}: one simulated {@link DigitalInput} per configuration. */
@Component(configurationPid = SimulatedInputComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = SimulatedInputConfig.class, factory = true)
public final class SimulatedInputComponent {
    static final String PID = "mqtt.gpio.sim.input";
    private static final Logger LOG = System.getLogger(SimulatedInputComponent.class.getName());

    private ServiceRegistrar.Registration registration;
    private SimulatedInput input;

    /**
     * @param config the configuration
     * @param properties the component properties
     * @param context the bundle context, to register the service
     * @param threads the bundle's threads
     */
    @Activate
    public SimulatedInputComponent(SimulatedInputConfig config, Map<String, Object> properties, BundleContext context,
            @Reference HalThreads threads) {
        this(config, Components.pid(properties, PID), ServiceRegistrar.of(context), threads, Clock.systemUTC());
    }

    SimulatedInputComponent(SimulatedInputConfig config, String pid, ServiceRegistrar registrar, HalThreads threads,
            Clock clock) {
        String id;
        EdgeScript script;
        try {
            id = Check.id("hal.id", config.hal_id());
            script = EdgeScript.parse("script", config.script());
        } catch (ConfigException e) {
            Components.logInvalid(LOG, pid, e);
            return;
        }
        input = new SimulatedInput(id, script, config.repeat(), clock);
        input.start(threads.scheduler());
        registration = registrar.register(new Class<?>[] {DigitalInput.class}, input,
                Map.of(HalProperties.ID, id, HalProperties.TYPE, "simulated"));
        LOG.log(Level.INFO, "{0}: simulated input {1} playing {2}", pid, id, config.script());
    }

    /** Unregisters the service and stops the script. */
    @Deactivate
    public void deactivate() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
        if (input != null) {
            input.close();
        }
    }

    /** @return the input, for tests */
    SimulatedInput input() {
        return input;
    }
}
