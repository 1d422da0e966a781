package io.edgemqtt.hal.gpio.internal.sim;

import io.edgemqtt.hal.gpio.api.DigitalOutput;
import io.edgemqtt.hal.gpio.api.HalProperties;
import io.edgemqtt.hal.gpio.internal.Check;
import io.edgemqtt.hal.gpio.internal.Components;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.ServiceRegistrar;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** Factory PID {@value #PID}: one simulated {@link DigitalOutput} per configuration. */
@Component(configurationPid = SimulatedOutputComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = SimulatedOutputConfig.class, factory = true)
public final class SimulatedOutputComponent {
    static final String PID = "mqtt.gpio.sim.output";
    private static final Logger LOG = System.getLogger(SimulatedOutputComponent.class.getName());

    private ServiceRegistrar.Registration registration;
    private DigitalOutput output;

    /**
     * @param config the configuration
     * @param properties the component properties
     * @param context the bundle context, to register the service
     */
    @Activate
    public SimulatedOutputComponent(SimulatedOutputConfig config, Map<String, Object> properties,
            BundleContext context) {
        this(config, Components.pid(properties, PID), ServiceRegistrar.of(context));
    }

    SimulatedOutputComponent(SimulatedOutputConfig config, String pid, ServiceRegistrar registrar) {
        String id;
        try {
            id = Check.id("hal.id", config.hal_id());
        } catch (ConfigException e) {
            Components.logInvalid(LOG, pid, e);
            return;
        }
        output = new SimulatedOutput(id, config.initial());
        registration = registrar.register(new Class<?>[] {DigitalOutput.class}, output,
                Map.of(HalProperties.ID, id, HalProperties.TYPE, "simulated"));
        LOG.log(Level.INFO, "{0}: simulated output {1}", pid, id);
    }

    /** Unregisters the service. */
    @Deactivate
    public void deactivate() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    /** @return the output while registered, for tests */
    DigitalOutput output() {
        return output;
    }
}
