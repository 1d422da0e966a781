package io.edgemqtt.hal.gpio.internal.w1;

import io.edgemqtt.hal.gpio.api.Sensor;
import io.edgemqtt.hal.gpio.internal.Check;
import io.edgemqtt.hal.gpio.internal.Components;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.SensorService;
import io.edgemqtt.hal.gpio.internal.ServiceRegistrar;
import io.edgemqtt.hal.gpio.internal.SysfsIo;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Factory PID {@value #PID}: one {@link Sensor} per DS18B20. The device must be present when the configuration is
 * applied (so a typo is reported at once); if it disappears later, readings turn {@code BAD} until it is back.
 */
@Component(configurationPid = W1SensorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = W1SensorConfig.class, factory = true)
public final class W1SensorComponent {
    static final String PID = "mqtt.gpio.w1";
    private static final Logger LOG = System.getLogger(W1SensorComponent.class.getName());

    private final SensorService service = new SensorService();

    /**
     * @param config the configuration
     * @param properties the component properties
     * @param context the bundle context, to register the service
     */
    @Activate
    public W1SensorComponent(W1SensorConfig config, Map<String, Object> properties, BundleContext context) {
        this(config, Components.pid(properties, PID), ServiceRegistrar.of(context), SysfsIo.NIO, Clock.systemUTC());
    }

    W1SensorComponent(W1SensorConfig config, String pid, ServiceRegistrar registrar, SysfsIo io, Clock clock) {
        Path devices;
        String file;
        String device = config.device() == null ? "" : config.device().trim();
        try {
            devices = Check.path("sysfs.root", config.sysfs_root()).resolve("bus/w1/devices");
            file = Check.oneOf("file", config.file(), "auto", "w1_slave", "temperature");
            if (!device.isEmpty() && !device.startsWith(W1TemperatureSensor.FAMILY)) {
                throw new ConfigException("device", "must name a DS18B20 folder (28-...), was '" + device + "'");
            }
            if (!device.isEmpty()) {
                Check.id("device", device);
            }
            if (config.hal_id() != null && !config.hal_id().isEmpty()) {
                Check.id("hal.id", config.hal_id());
            }
        } catch (ConfigException e) {
            Components.logInvalid(LOG, pid, e);
            return;
        }
        try {
            List<String> present = W1TemperatureSensor.present(devices);
            if (device.isEmpty()) {
                if (present.size() != 1) {
                    throw new IOException("'device' is empty, which needs exactly one DS18B20 on the bus; present: "
                            + present);
                }
                device = present.get(0);
            } else if (!present.contains(device)) {
                throw new IOException(device + " is not on the 1-Wire bus; present: " + present);
            }
        } catch (IOException e) {
            Components.logSetupFailed(LOG, pid, "the DS18B20 under " + devices, e);
            return;
        }
        String id = config.hal_id() == null || config.hal_id().isEmpty() ? device : config.hal_id();
        Sensor sensor = new W1TemperatureSensor(id, devices.resolve(device), file, io, clock);
        service.register(registrar, sensor, "w1", Map.of("w1.device", device));
        LOG.log(Level.INFO, "{0}: sensor {1} on {2}", pid, id, device);
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
