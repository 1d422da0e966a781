package io.edgemqtt.hal.gpio.internal.sim;

import io.edgemqtt.hal.gpio.api.Sensor;
import io.edgemqtt.hal.gpio.internal.Check;
import io.edgemqtt.hal.gpio.internal.Components;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.SensorService;
import io.edgemqtt.hal.gpio.internal.ServiceRegistrar;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** Factory PID {@value #PID}: one simulated {@link Sensor} per configuration. */
@Component(configurationPid = SimulatedSensorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = SimulatedSensorConfig.class, factory = true)
public final class SimulatedSensorComponent {
    static final String PID = "mqtt.gpio.sim.sensor";
    private static final Logger LOG = System.getLogger(SimulatedSensorComponent.class.getName());

    private final SensorService service = new SensorService();

    /**
     * @param config the configuration
     * @param properties the component properties
     * @param context the bundle context, to register the service
     */
    @Activate
    public SimulatedSensorComponent(SimulatedSensorConfig config, Map<String, Object> properties,
            BundleContext context) {
        this(config, Components.pid(properties, PID), ServiceRegistrar.of(context), Clock.systemUTC());
    }

    SimulatedSensorComponent(SimulatedSensorConfig config, String pid, ServiceRegistrar registrar, Clock clock) {
        String id;
        String quantity;
        Waveform.Shape shape;
        try {
            id = Check.id("hal.id", config.hal_id());
            quantity = Check.id("quantity", config.quantity());
            shape = Waveform.Shape.valueOf(Check.oneOf("waveform", config.waveform(), "sine", "ramp", "random-walk",
                    "constant").replace('-', '_').toUpperCase(Locale.ROOT));
            Check.atLeast("period.s", config.period_s(), 0.01);
            Check.finite("amplitude", config.amplitude());
            Check.finite("offset", config.offset());
            Check.atLeast("noise", config.noise(), 0);
            Check.range("decimals", config.decimals(), 0, 9);
        } catch (ConfigException e) {
            Components.logInvalid(LOG, pid, e);
            return;
        }
        Random random = config.seed() == 0 ? new Random() : new Random(config.seed());
        Waveform waveform = new Waveform(shape, config.period_s() * 1000, config.amplitude(), config.offset(),
                config.noise(), random);
        String unit = config.unit() == null ? "" : config.unit();
        Sensor sensor = new SimulatedSensor(id, quantity, unit, waveform, config.decimals(), clock);
        service.register(registrar, sensor, "simulated", Map.of());
        LOG.log(Level.INFO, "{0}: simulated sensor {1} ({2} {3})", pid, id, quantity, config.waveform());
    }

    /** Unregisters the service. */
    @Deactivate
    public void deactivate() {
        service.close();
    }

    /** @return the sensor while registered, for tests */
    Sensor sensor() {
        return service.sensor();
    }
}
