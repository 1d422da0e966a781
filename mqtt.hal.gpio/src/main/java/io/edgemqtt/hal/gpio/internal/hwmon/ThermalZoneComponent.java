package io.edgemqtt.hal.gpio.internal.hwmon;

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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Factory PID {@value #PID}: the temperature of a thermal zone (the CPU's, zone 0, by default). A machine without the
 * zone logs one line and registers nothing, so a default configuration is harmless where there is no such sensor.
 */
@Component(configurationPid = ThermalZoneComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ThermalZoneConfig.class, factory = true)
public final class ThermalZoneComponent {
    static final String PID = "mqtt.gpio.thermal";
    private static final Logger LOG = System.getLogger(ThermalZoneComponent.class.getName());

    private final SensorService service = new SensorService();

    /**
     * @param config the configuration
     * @param properties the component properties
     * @param context the bundle context, to register the service
     */
    @Activate
    public ThermalZoneComponent(ThermalZoneConfig config, Map<String, Object> properties, BundleContext context) {
        this(config, Components.pid(properties, PID), ServiceRegistrar.of(context), SysfsIo.NIO, Clock.systemUTC());
    }

    ThermalZoneComponent(ThermalZoneConfig config, String pid, ServiceRegistrar registrar, SysfsIo io, Clock clock) {
        String id;
        Path zone;
        try {
            id = Check.id("hal.id", config.hal_id());
            Check.range("zone", config.zone(), 0, 255);
            zone = Check.path("sysfs.root", config.sysfs_root()).resolve("class/thermal/thermal_zone" + config.zone());
        } catch (ConfigException e) {
            Components.logInvalid(LOG, pid, e);
            return;
        }
        Path temp = zone.resolve("temp");
        String type;
        try {
            if (!io.exists(temp)) {
                throw new NoSuchFileException(temp.toString(), null, "this machine has no thermal zone "
                        + config.zone());
            }
            type = io.exists(zone.resolve("type")) ? io.read(zone.resolve("type")) : "unknown";
        } catch (IOException e) {
            Components.logSetupFailed(LOG, pid, "thermal sensor " + id, e);
            return;
        }
        Sensor sensor = new MillidegreeSensor(id, () -> temp, io, clock);
        service.register(registrar, sensor, "thermal", Map.of("thermal.type", type));
        LOG.log(Level.INFO, "{0}: sensor {1} on {2} ({3})", pid, id, zone.getFileName(), type);
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
